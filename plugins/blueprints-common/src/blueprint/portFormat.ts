/*
 * The vocabulary of Port's blueprint format: which identifiers, types,
 * formats and specs Port accepts. Sources, checked against Port's own
 * material:
 * - identifiers: the pattern Port documents for blueprint and entity
 *   identifiers (`^(?!\.{1,2}$)[A-Za-z0-9@_.+:\/=-]+$`, port-labs/port-skills
 *   and port-labs/ocean), at most 100 characters (port-labs/port-skills
 *   `port-blueprints/SKILL.md`); property and relation keys
 *   `^[A-Za-z0-9@_=\-]+$`;
 * - formats and specs: port-labs/port-docs `setup-blueprint/properties/*.md`
 *   (string formats, `labeled-url` on objects, `spec` on strings and objects,
 *   `specAuthentication` for embedded URLs) and the `spec` validator of
 *   port-labs/terraform-provider-port-labs `port/blueprint/schema.go`.
 */

import type { BlueprintProperty, BlueprintPropertyType } from './types';

/**
 * Port's rule for blueprint and entity identifiers: letters, digits and
 * `@ _ . + : / = -`, and not `.` or `..` alone.
 * @public
 */
export const IDENTIFIER_PATTERN = /^(?!\.{1,2}$)[A-Za-z0-9@_.+:/=-]+$/;

/**
 * The longest blueprint identifier Port accepts.
 * @public
 */
export const IDENTIFIER_MAX_LENGTH = 100;

/**
 * Port's rule for the keys of properties, relations, and mirror, calculation
 * and aggregation properties: letters, digits and `@ _ = -`.
 * @public
 */
export const PROPERTY_KEY_PATTERN = /^[A-Za-z0-9@_=-]+$/;

/**
 * Human wording of {@link IDENTIFIER_PATTERN}, for messages.
 * @public
 */
export const IDENTIFIER_CHARACTERS = 'letters, digits and @ _ . + : / = -';

/**
 * Human wording of {@link PROPERTY_KEY_PATTERN}, for messages.
 * @public
 */
export const PROPERTY_KEY_CHARACTERS = 'letters, digits and @ _ = -';

/**
 * The property types Port accepts.
 * @public
 */
export const PROPERTY_TYPES: readonly BlueprintPropertyType[] = [
  'string',
  'number',
  'boolean',
  'object',
  'array',
];

/**
 * The JSON type of a property as Plinth reads it: its `type`, except that
 * `"type": "enum"` (how Port's ArgoCD integration writes a string enum) is
 * a `string`. `undefined` for a type Port does not have.
 *
 * @example
 * ```ts
 * propertyTypeOf({ type: 'enum', enum: ['Healthy', 'Degraded'] }); // 'string'
 * ```
 * @public
 */
export function propertyTypeOf(
  property: Pick<BlueprintProperty, 'type'> | { type?: unknown },
): BlueprintPropertyType | undefined {
  const type = property.type;
  if (type === 'enum') return 'string';
  return typeof type === 'string' &&
    (PROPERTY_TYPES as readonly string[]).includes(type)
    ? (type as BlueprintPropertyType)
    : undefined;
}

/**
 * The `format` values Port accepts on a string property (and on the string
 * items of an array property).
 * @public
 */
export const STRING_FORMATS: readonly string[] = [
  'date-time',
  'url',
  'email',
  'idn-email',
  'ipv4',
  'ipv6',
  'markdown',
  'yaml',
  'user',
  'team',
  'timer',
  'proto',
  'blueprints',
];

/**
 * The `format` values Port accepts on an object property (and on the object
 * items of an array property): a URL with a display text.
 * @public
 */
export const OBJECT_FORMATS: readonly string[] = ['labeled-url'];

/**
 * The `spec` values Port accepts on a string property.
 * @public
 */
export const STRING_SPECS: readonly string[] = [
  'open-api',
  'async-api',
  'embedded-url',
];

/**
 * The `spec` values Port accepts on an object property (a specification
 * given inline as JSON).
 * @public
 */
export const OBJECT_SPECS: readonly string[] = ['open-api', 'async-api'];

/**
 * The `spec` values Port accepts on a calculation property.
 * @public
 */
export const CALCULATION_SPECS: readonly string[] = [
  'open-api',
  'async-api',
  'embedded-url',
  'markdown',
];

/**
 * The meta-properties every entity has, usable at the end of a mirror path
 * and in aggregation `measureTimeBy`.
 * @public
 */
export const META_PROPERTIES: readonly string[] = [
  '$identifier',
  '$title',
  '$team',
  '$blueprint',
  '$icon',
  '$createdAt',
  '$updatedAt',
  '$createdBy',
  '$updatedBy',
];
