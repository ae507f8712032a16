/*
 * The rules for every name Plinth stores: identifiers of blueprints,
 * entities, scorecards, rules and campaigns; keys of properties and
 * relations; and the bounds of free text (titles, descriptions).
 *
 * Lengths, checked against Port's own material:
 * - blueprint identifiers: at most 100 characters (port-labs/port-skills
 *   `port-blueprints/SKILL.md`, as {@link IDENTIFIER_MAX_LENGTH} says; the
 *   list in port-labs/port-docs PR 2935 below gives "Blueprint 30", and
 *   Plinth keeps the larger figure so that no blueprint Port accepted is
 *   refused on import); scorecard and scorecard-rule identifiers: 100 (the
 *   limits listed in port-labs/port-docs PR 2935, "Update apiSpec to the
 *   latest prod version", October 2025); Plinth's campaigns and scorecard
 *   levels take the same 100;
 * - entity identifiers: at most 1,000 characters (the same list in PR 2935:
 *   "Entity 1000");
 * - property, relation, mirror, calculation and aggregation keys: at most
 *   100 characters. port-labs/port-docs PR 2819 (September 2025) wrote
 *   "Property identifer. (Maximum 30 characters)" into
 *   `setup-blueprint/properties/properties.md`; a month later PR 2935 put
 *   the API's own constraint into its spec, "<= 100 characters" with the
 *   pattern `^[A-Za-z0-9@_=\-]+$` for properties, calculation, mirror and
 *   aggregation properties and relations, and lists "Property 100,
 *   Relation 100". Plinth follows the API spec: a Port export with keys of
 *   31 to 100 characters is one Port accepted, and Plinth accepts it too;
 * - titles and descriptions: Port documents no limit; Plinth bounds them
 *   (200 and 2,000 characters) so that a request cannot store megabytes of
 *   text in a field meant for a line or a paragraph.
 *
 * Names of `Object.prototype`'s properties are refused everywhere a name
 * becomes a key of a plain object (`constructor`, `__proto__`, …), and an
 * identifier may not have a `.` or `..` path segment: identifiers appear in
 * URL paths and file names.
 */

import {
  IDENTIFIER_CHARACTERS,
  IDENTIFIER_MAX_LENGTH,
  IDENTIFIER_PATTERN,
  PROPERTY_KEY_CHARACTERS,
  PROPERTY_KEY_PATTERN,
} from './portFormat';
import { describeValue, jsonTypeOf } from '../internal/messages';

/**
 * The names of `Object.prototype`'s properties, and `prototype`: names a
 * JavaScript object answers to without having them, refused as identifiers
 * and keys so that no lookup can mistake them for data.
 * @public
 */
export const PROTOTYPE_KEYS: readonly string[] = [
  '__proto__',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
  'constructor',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'prototype',
  'toLocaleString',
  'toString',
  'valueOf',
];

const PROTOTYPE_KEY_SET: ReadonlySet<string> = new Set(PROTOTYPE_KEYS);

/** A `.` or `..` path segment: `./x`, `a/../b`, `x/..`. */
const DOT_SEGMENT = /(?:^|\/)\.\.?(?:\/|$)/;

/**
 * The longest entity identifier Port accepts.
 * @public
 */
export const ENTITY_IDENTIFIER_MAX_LENGTH = 1000;

/**
 * The longest key of a property, relation, mirror, calculation or
 * aggregation property Port accepts.
 * @public
 */
export const PROPERTY_KEY_MAX_LENGTH = 100;

/**
 * The longest title Plinth stores (blueprints, their properties and
 * relations, scorecards, rules, campaigns).
 * @public
 */
export const TITLE_MAX_LENGTH = 200;

/**
 * The longest description Plinth stores.
 * @public
 */
export const DESCRIPTION_MAX_LENGTH = 2000;

/**
 * Whether a name is one every JavaScript object already answers to
 * (`constructor`, `__proto__`, `toString`, …; see {@link PROTOTYPE_KEYS}).
 * @public
 */
export function isPrototypeKey(name: string): boolean {
  return PROTOTYPE_KEY_SET.has(name);
}

function prototypeKeyReason(name: string): string {
  return `${describeValue(
    name,
  )} is the name of a property every JavaScript object has (Object.prototype); choose another name`;
}

function lengthReason(length: number, max: number): string {
  return `must be at most ${max} characters long; got ${length}`;
}

/**
 * Options of {@link identifierProblem}.
 * @public
 */
export interface IdentifierRuleOptions {
  /** The longest identifier accepted; {@link IDENTIFIER_MAX_LENGTH} by default. */
  maxLength?: number;
}

/**
 * Why a value is not an identifier Plinth stores, in words that follow the
 * field's name (`identifier must not be empty`); `undefined` when it is
 * one. An identifier is a string of Port's identifier characters (letters,
 * digits and `@ _ . + : / = -`), at most `maxLength` long, that is not the
 * name of an `Object.prototype` property and has no `.` or `..` path
 * segment (`../../etc/passwd`, `a/../b`).
 *
 * @example
 * ```ts
 * identifierProblem('CartService'); // undefined
 * identifierProblem('../../etc/passwd');
 * // '"../../etc/passwd" has a "." or ".." path segment; …'
 * const reason = identifierProblem(value.identifier);
 * if (reason) problems.push({ source, pointer: '/identifier', message: `identifier ${reason}` });
 * ```
 * @public
 */
export function identifierProblem(
  value: unknown,
  options: IdentifierRuleOptions = {},
): string | undefined {
  const max = options.maxLength ?? IDENTIFIER_MAX_LENGTH;
  if (typeof value !== 'string') {
    return `must be a string; got ${jsonTypeOf(value)}`;
  }
  if (value === '') {
    return 'must not be empty';
  }
  if (value.length > max) {
    return lengthReason(value.length, max);
  }
  if (value === '.' || value === '..') {
    return `may not be "${value}"`;
  }
  if (!IDENTIFIER_PATTERN.test(value)) {
    return `${describeValue(value)} may contain only ${IDENTIFIER_CHARACTERS}`;
  }
  if (DOT_SEGMENT.test(value)) {
    return `${describeValue(
      value,
    )} has a "." or ".." path segment; identifiers appear in URL paths and file names, where those lead elsewhere`;
  }
  if (isPrototypeKey(value)) {
    return prototypeKeyReason(value);
  }
  return undefined;
}

/**
 * Why a key of a blueprint's properties, relations, mirror, calculation or
 * aggregation properties is not one Port accepts, in words that follow the
 * key's noun (`property key "my key" may contain only …`); `undefined` when
 * it is fine: letters, digits and `@ _ = -`, at most
 * {@link PROPERTY_KEY_MAX_LENGTH} characters, not the name of an
 * `Object.prototype` property.
 * @public
 */
export function propertyKeyProblem(key: string): string | undefined {
  if (key === '') {
    return 'must not be empty';
  }
  if (key.length > PROPERTY_KEY_MAX_LENGTH) {
    return lengthReason(key.length, PROPERTY_KEY_MAX_LENGTH);
  }
  if (!PROPERTY_KEY_PATTERN.test(key)) {
    return `${describeValue(key)} may contain only ${PROPERTY_KEY_CHARACTERS}`;
  }
  if (isPrototypeKey(key)) {
    return prototypeKeyReason(key);
  }
  return undefined;
}

/**
 * Why a free-text value (a title, a description, a reason) is not one
 * Plinth stores, in words that follow the field's name (`title must be at
 * most 200 characters long; got 250`); `undefined` when it is a string of at
 * most `maxLength` characters.
 * @public
 */
export function freeTextProblem(
  value: unknown,
  maxLength: number,
): string | undefined {
  if (typeof value !== 'string') {
    return `must be a string; got ${jsonTypeOf(value)}`;
  }
  return value.length > maxLength
    ? lengthReason(value.length, maxLength)
    : undefined;
}
