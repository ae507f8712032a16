/*
 * Port's calculation properties: a jq program over the entity, whose first
 * output, checked against the declared type and format, is the property's
 * value. Sources (port-labs/port-docs, `setup-blueprint/properties/
 * calculation-property/calculation-property.md` and `examples.md`):
 * - the program sees the entity as Port's API gives it: `identifier`,
 *   `title`, `icon`, `team`, `blueprint`, `properties`, `relations` and the
 *   `createdAt`/`updatedAt`/`createdBy`/`updatedBy` meta-properties;
 * - `properties` holds the entity's properties and its mirror properties;
 *   "calculation on calculation is not supported", so other calculation
 *   properties are not there (nor are aggregation properties, which the page
 *   does not list among the inputs);
 * - output types `string`, `number`, `boolean`, `object`, `array`, with
 *   formats (`url`, `user`, `team`, `ipv6`, `yaml`, ...) and specs
 *   (`markdown`, `open-api`, `async-api`, `embedded-url`); for `type:
 *   string` with `format: yaml` an object result is shown as YAML;
 * - `colorized: true` colours the value, with `colors` mapping values to
 *   colours (automatic colours for the others).
 *
 * Browser-safe: the jq engine is injected as a {@link JqEvaluator}.
 */

import type { ValidateFunction } from 'ajv';
import { stringify as stringifyYaml } from 'yaml';
import type { Blueprint, CalculationProperty } from '../blueprint/types';
import type { PortEntity } from '../entity/types';
import {
  createPortAjv,
  describeAjvError,
  propertyJsonSchema,
} from '../entity/propertySchema';
import {
  describeValue,
  errorMessage,
  isObject,
  jsonTypeOf,
  withArticle,
} from '../internal/messages';
import { defineOwn, ownValue } from '../internal/objects';
import type { JqErrorKind, JqEvaluator, JqResult } from './jq';
import { teamsOf } from './view';

/**
 * The value of one calculation property for one entity:
 * - `value`: the program's result (`null` when it gave none), with
 *   `colorized` and the `color` of that value from the property's `colors`
 *   when the property is colorized (no `color`: the UI picks one);
 * - `error`: why there is no value (the program failed, timed out, or gave a
 *   value of the wrong type), naming the blueprint and the property;
 * - `skipped`: not computed here, and why (it needs mirror properties that
 *   were not given).
 * @public
 */
export type CalculatedValue =
  | { value: unknown; colorized?: true; color?: string }
  | { error: string }
  | { skipped: string };

/**
 * The calculation properties of one entity, by property key.
 * @public
 */
export type EntityCalculations = Record<string, CalculatedValue>;

/**
 * Options of {@link computeCalculations}.
 * @public
 */
export interface ComputeCalculationsOptions {
  /**
   * The mirror property values of each entity, by entity identifier and then
   * by mirror property key. When given, every mirror property of the
   * blueprint is in the program's `.properties` (`null` when it has no value
   * here). When absent, the calculations that name a mirror property are
   * skipped rather than computed from an incomplete input.
   */
  mirrorValues?: Record<string, Record<string, unknown> | undefined>;
  /** Only these calculation properties; all of them by default. */
  properties?: readonly string[];
}

function subjectOf(blueprint: string, key: string): string {
  return `calculation property "${key}" of blueprint ${blueprint}`;
}

/**
 * The JSON a calculation's jq program runs on, as Port builds it for an
 * entity: the meta-properties at the top, `properties` with every property
 * of the blueprint (`null` when unset) and, when `mirrorValues` is given,
 * every mirror property; `relations` with every relation of the blueprint
 * (`null`, or `[]` for a `many` relation, when unset). Values that the
 * entity's JSON carries for calculation, mirror or aggregation properties
 * (as a Port export does) are left out: a calculation only sees mirror
 * values that are passed in, and never other calculations.
 *
 * @example
 * ```ts
 * calculationInput(
 *   { identifier: 'CartService', properties: { type: 'service' } },
 *   componentBlueprint,
 * ).properties; // { type: 'service' }
 * ```
 * @public
 */
export function calculationInput(
  entity: PortEntity,
  blueprint: Blueprint,
  mirrorValues?: Record<string, unknown>,
): Record<string, unknown> {
  const derived = new Set([
    ...Object.keys(blueprint.calculationProperties ?? {}),
    ...Object.keys(blueprint.mirrorProperties ?? {}),
    ...Object.keys(blueprint.aggregationProperties ?? {}),
  ]);
  // Keys are the entity's and the blueprint's: set as own properties, so
  // that none (`__proto__`) can reach an object's prototype.
  const properties: Record<string, unknown> = {};
  for (const key of Object.keys(blueprint.schema?.properties ?? {})) {
    defineOwn(properties, key, null);
  }
  for (const [key, value] of Object.entries(entity.properties ?? {})) {
    if (!derived.has(key)) defineOwn(properties, key, value ?? null);
  }
  if (mirrorValues) {
    for (const key of Object.keys(blueprint.mirrorProperties ?? {})) {
      defineOwn(properties, key, ownValue(mirrorValues, key) ?? null);
    }
  }
  const relations: Record<string, unknown> = {};
  for (const [key, relation] of Object.entries(blueprint.relations ?? {})) {
    defineOwn(relations, key, relation.many ? [] : null);
  }
  for (const [key, value] of Object.entries(entity.relations ?? {})) {
    if (value !== undefined && value !== null) {
      defineOwn(relations, key, value);
    }
  }
  return {
    identifier: entity.identifier,
    title: entity.title ?? null,
    icon: entity.icon ?? null,
    team: teamsOf(entity),
    blueprint: blueprint.identifier,
    properties,
    relations,
    createdAt: entity.createdAt ?? null,
    updatedAt: entity.updatedAt ?? null,
    createdBy: entity.createdBy ?? null,
    updatedBy: entity.updatedBy ?? null,
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The mirror properties of the blueprint that a calculation names
 * (`.properties.owningSquad`, `.properties."owning-squad"`,
 * `getpath(["properties", "owningSquad"])`): a textual check, so a program
 * that reaches a mirror property without naming it (`.properties | .[]`) is
 * not seen, and one that merely quotes a mirror key as a string is.
 * @public
 */
export function mirrorPropertiesNamedBy(
  blueprint: Blueprint,
  key: string,
): string[] {
  const program =
    ownValue(blueprint.calculationProperties, key)?.calculation ?? '';
  return Object.keys(blueprint.mirrorProperties ?? {}).filter(mirror =>
    new RegExp(`[.'"]${escapeRegExp(mirror)}(?![A-Za-z0-9@_=-])`).test(program),
  );
}

const ajv = createPortAjv();
const formatValidators = new WeakMap<
  CalculationProperty,
  ValidateFunction | null
>();

/** An ajv validator for what the type check leaves: formats and array items. */
function formatValidator(
  property: CalculationProperty,
): ValidateFunction | null {
  let validate = formatValidators.get(property);
  if (validate === undefined) {
    const schema = propertyJsonSchema(
      property as unknown as Record<string, unknown>,
      false,
    );
    delete schema.type;
    try {
      validate = Object.keys(schema).length > 0 ? ajv.compile(schema) : null;
    } catch {
      // The blueprint validator reports a schema that does not compile.
      validate = null;
    }
    formatValidators.set(property, validate);
  }
  return validate;
}

/** How each kind of jq failure reads in a message. */
const FAILURES: Record<JqErrorKind, string> = {
  compile: 'does not compile',
  runtime: 'failed',
  timeout: 'timed out',
};

/**
 * Checks one result of a calculation's program against the property's
 * declared type and format, and adds its colour. `null` is "no value" and
 * always accepted; a `string` property with `format: yaml` turns an object
 * or array into YAML text.
 * @public
 */
export function checkCalculatedValue(
  blueprint: string,
  key: string,
  property: CalculationProperty,
  result: JqResult,
): CalculatedValue {
  const subject = subjectOf(blueprint, key);
  if ('error' in result) {
    return { error: `${subject} ${FAILURES[result.kind]}: ${result.error}` };
  }
  let value = result.value;
  if (value === null || value === undefined) return { value: null };
  if (
    property.type === 'string' &&
    property.format === 'yaml' &&
    typeof value === 'object'
  ) {
    value = stringifyYaml(value);
  }
  const got = jsonTypeOf(value);
  if (got !== property.type) {
    return {
      error: `${subject} must be ${withArticle(property.type)}; got ${
        got === 'object' || got === 'array'
          ? withArticle(got)
          : `${withArticle(got)} (${describeValue(value)})`
      }`,
    };
  }
  const validate = formatValidator(property);
  if (validate && !validate(value)) {
    const [first] = validate.errors ?? [];
    return {
      error: first
        ? describeAjvError(
            first,
            `${subject}${
              first.instancePath ? ` at ${first.instancePath}` : ''
            }`,
          )
        : `${subject} is not valid`,
    };
  }
  if (
    property.colorized === true &&
    !isObject(value) &&
    !Array.isArray(value)
  ) {
    const color = ownValue(property.colors, String(value));
    return color === undefined
      ? { value, colorized: true }
      : { value, colorized: true, color };
  }
  return { value };
}

/**
 * Computes a blueprint's calculation properties for its entities: each
 * property's program runs once over all the entities (one
 * `evaluateMany`), and each result is checked by
 * {@link checkCalculatedValue}. Returns, for each entity in order, its
 * values by property key. A failing program or evaluator never rejects:
 * every failure is a per-entity, per-property `error`.
 *
 * @example
 * ```ts
 * const engine = createJqEngine(); // from @plinth/plugin-blueprints-node
 * const [cart] = await computeCalculations(component, [cartService], engine);
 * cart.slackChannel; // { value: 'https://slack.com/app/cart-service' }
 * ```
 * @public
 */
export async function computeCalculations(
  blueprint: Blueprint,
  entities: readonly PortEntity[],
  evaluator: JqEvaluator,
  options: ComputeCalculationsOptions = {},
): Promise<EntityCalculations[]> {
  const results: EntityCalculations[] = entities.map(() => ({}));
  const calculations = Object.entries(blueprint.calculationProperties ?? {});
  if (entities.length === 0 || calculations.length === 0) return results;
  const { mirrorValues } = options;
  const inputs = entities.map(entity =>
    calculationInput(
      entity,
      blueprint,
      mirrorValues
        ? ownValue(mirrorValues, entity.identifier) ?? {}
        : undefined,
    ),
  );

  for (const [key, property] of calculations) {
    if (options.properties && !options.properties.includes(key)) continue;
    const subject = subjectOf(blueprint.identifier, key);
    const setAll = (value: CalculatedValue) =>
      results.forEach(entity => {
        entity[key] = value;
      });
    if (!mirrorValues) {
      const mirrors = mirrorPropertiesNamedBy(blueprint, key);
      if (mirrors.length > 0) {
        setAll({
          skipped: `${subject} needs the mirror ${
            mirrors.length === 1 ? 'property' : 'properties'
          } ${mirrors.join(', ')}, whose values were not given`,
        });
        continue;
      }
    }
    if (typeof property.calculation !== 'string') {
      setAll({ error: `${subject} has no calculation` });
      continue;
    }
    let outputs: JqResult[];
    try {
      outputs = await evaluator.evaluateMany(property.calculation, inputs);
    } catch (error) {
      setAll({ error: `${subject} failed: ${errorMessage(error)}` });
      continue;
    }
    if (!Array.isArray(outputs) || outputs.length !== inputs.length) {
      setAll({
        error: `${subject} failed: the jq engine gave ${
          Array.isArray(outputs) ? outputs.length : 'no'
        } results for ${inputs.length} entities`,
      });
      continue;
    }
    outputs.forEach((output, index) => {
      results[index][key] = checkCalculatedValue(
        blueprint.identifier,
        key,
        property,
        output,
      );
    });
  }
  return results;
}
