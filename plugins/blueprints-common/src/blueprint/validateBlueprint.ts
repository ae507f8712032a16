import Ajv from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { jsonPointer } from '../problems';
import type { Problem } from '../problems';
import type { Blueprint } from './types';
import {
  BLUEPRINT_META_SCHEMA,
  ITEMS_META_SCHEMA,
  PROPERTY_META_SCHEMA,
} from './blueprintMetaSchema';
import {
  CALCULATION_SPECS,
  IDENTIFIER_CHARACTERS,
  META_PROPERTIES,
  OBJECT_FORMATS,
  OBJECT_SPECS,
  PROPERTY_TYPES,
  STRING_FORMATS,
  STRING_SPECS,
} from './portFormat';
import {
  identifierProblem,
  isPrototypeKey,
  propertyKeyProblem,
} from './identifiers';
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
  listOf,
  withArticle,
} from '../internal/messages';
import { hasOwn, ownValue } from '../internal/objects';

/**
 * Options of {@link validateBlueprint}.
 * @public
 */
export interface ValidateBlueprintOptions {
  /**
   * Where the blueprint sits in its document (`/2` for the third of an
   * array); prefixed to every problem's pointer.
   */
  pointer?: string;
}

/**
 * What {@link validateBlueprint} found: the blueprint when it is valid
 * (its only problems, if any, are warnings), and every problem.
 * @public
 */
export interface BlueprintValidationResult {
  blueprint?: Blueprint;
  problems: Problem[];
}

// Compiled once, on first use: compiling costs milliseconds, validating
// microseconds.
let metaValidator: ValidateFunction | undefined;
let valueAjv: Ajv | undefined;

function getMetaValidator(): ValidateFunction {
  if (!metaValidator) {
    const ajv = new Ajv({
      allErrors: true,
      strict: false,
      logger: false,
      verbose: true,
    });
    metaValidator = ajv.compile(BLUEPRINT_META_SCHEMA);
  }
  return metaValidator;
}

function getValueAjv(): Ajv {
  if (!valueAjv) {
    valueAjv = createPortAjv();
  }
  return valueAjv;
}

type Segment = string | number;

/** Collects problems for one blueprint document. */
class Problems {
  readonly list: Problem[] = [];
  constructor(readonly source: string, readonly base: string) {}

  add(segments: Segment[], message: string) {
    this.list.push({
      source: this.source,
      pointer: this.base + jsonPointer(...segments),
      message,
    });
  }

  /** Something kept and applied, but not checked or used as written. */
  warn(segments: Segment[], message: string) {
    this.list.push({
      source: this.source,
      pointer: this.base + jsonPointer(...segments),
      message,
      severity: 'warning',
    });
  }

  /** How many errors (not warnings) there are so far. */
  get errorCount(): number {
    return this.list.filter(p => p.severity !== 'warning').length;
  }
}

/** Keywords every property accepts, whatever its type. */
const COMMON_KEYWORDS = ['type', 'title', 'description', 'icon', 'default'];

/**
 * The keywords that apply to each property type, after Port's per-type
 * pages (port-docs `setup-blueprint/properties/{string,number,array,object}.md`):
 * formats and specs on strings (and `labeled-url` / inline specs on
 * objects), length and pattern on strings, bounds on numbers, item rules on
 * arrays, nested schemas on objects.
 */
const TYPE_KEYWORDS: ReadonlyMap<string, readonly string[]> = new Map(
  Object.entries({
    string: [
      'format',
      'spec',
      'specAuthentication',
      'enum',
      'enumColors',
      'minLength',
      'maxLength',
      'pattern',
    ],
    number: [
      'enum',
      'enumColors',
      'minimum',
      'maximum',
      'exclusiveMinimum',
      'exclusiveMaximum',
    ],
    boolean: [],
    array: ['items', 'minItems', 'maxItems', 'uniqueItems'],
    object: [
      'format',
      'spec',
      'properties',
      'additionalProperties',
      'patternProperties',
      'required',
    ],
  }),
);

/** Keywords that only make sense on a property, not on an array's items. */
const PROPERTY_ONLY = ['icon', 'default', 'spec', 'specAuthentication'];

function keywordsFor(type: string, items: boolean): string[] {
  const all = [...COMMON_KEYWORDS, ...(TYPE_KEYWORDS.get(type) ?? [])];
  return items ? all.filter(k => !PROPERTY_ONLY.includes(k)) : all;
}

/**
 * The type a property's keywords are checked against: its own, with
 * `"type": "enum"` read as a string enum; `undefined` when Port has no
 * such type.
 */
function keywordTypeOf(type: unknown): string | undefined {
  if (type === 'enum') return 'string';
  return typeof type === 'string' && TYPE_KEYWORDS.has(type) ? type : undefined;
}

/** What a missing required key should hold, for the message. */
const REQUIRED_HINTS: Record<string, string> = {
  identifier: `the blueprint's identifier (${IDENTIFIER_CHARACTERS})`,
  schema: 'an object with "properties"',
  properties: 'an object of property definitions (may be {})',
  target: 'the identifier of the blueprint it points to',
  path: 'a dot path of relation keys',
  calculation: 'a jq expression',
  calculationSpec:
    'how to aggregate, like { "calculationBy": "entities", "func": "count" }',
  calculationBy: 'entities or property',
  func: 'count, average, sum, min, max or median',
  clientId: 'the OAuth client id',
  authorizationUrl: 'the OAuth authorization URL',
  tokenUrl: 'the OAuth token URL',
};

function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map(s => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function valueAt(root: unknown, segments: string[]): unknown {
  let value = root;
  for (const segment of segments) {
    if (!isObject(value) && !Array.isArray(value)) return undefined;
    value = ownValue(value as Record<string, unknown>, segment);
  }
  return value;
}

/** Whether a pointer's segments name one entry of `schema.properties`. */
function isPropertyPath(segments: string[]): boolean {
  return (
    segments.length === 3 &&
    segments[0] === 'schema' &&
    segments[1] === 'properties'
  );
}

function isItemsPath(segments: string[]): boolean {
  return segments.length >= 1 && segments[segments.length - 1] === 'items';
}

/** One of ajv's errors against the meta-schema, as a problem. */
function metaProblem(
  error: ErrorObject,
  root: unknown,
  problems: Problems,
): void {
  const segments = parsePointer(error.instancePath);
  const field = segments.length ? segments[segments.length - 1] : 'a blueprint';
  const params = error.params as Record<string, any>;
  switch (error.keyword) {
    case 'required': {
      const key = String(params.missingProperty);
      let hint = ownValue(REQUIRED_HINTS, key);
      if (key === 'type') {
        hint =
          segments[0] === 'ownership'
            ? 'Direct or Inherited'
            : `one of ${listOf(PROPERTY_TYPES)}`;
      }
      problems.add(segments, `missing "${key}"${hint ? `: ${hint}` : ''}`);
      return;
    }
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const at = [...segments, key];
      if (segments.length === 0) {
        problems.add(
          at,
          `unknown top-level key "${key}"; a blueprint has ${listOf(
            Object.keys(BLUEPRINT_META_SCHEMA.properties),
          )}`,
        );
        return;
      }
      if (isPropertyPath(segments) || isItemsPath(segments)) {
        unknownKeyword(key, at, valueAt(root, segments), segments, problems);
        return;
      }
      const known = Object.keys(
        (error.parentSchema as { properties?: object })?.properties ?? {},
      );
      problems.add(
        at,
        `unknown key "${key}"${
          known.length ? `; expected ${listOf(known)}` : ''
        }`,
      );
      return;
    }
    case 'type': {
      const expected = String(params.type)
        .split(',')
        .map(t => (t === 'integer' ? 'whole number' : t))
        .map(withArticle)
        .join(' or ');
      problems.add(
        segments,
        `${field} must be ${expected}; got ${jsonTypeOf(error.data)}`,
      );
      return;
    }
    case 'enum':
      if (
        field === 'type' &&
        error.data === 'enum' &&
        (isPropertyPath(segments.slice(0, -1)) ||
          isItemsPath(segments.slice(0, -1)))
      ) {
        // Port's ArgoCD integration's string enums: see checkValueSchema.
        return;
      }
      problems.add(
        segments,
        `${field} must be one of ${listOf(
          params.allowedValues,
        )}; got ${describeValue(error.data)}`,
      );
      return;
    case 'maxProperties':
      // Only formulaProperties has maxProperties.
      problems.add(
        segments,
        "formulaProperties is no longer part of Port's format; only {} is accepted (use calculationProperties)",
      );
      return;
    case 'minItems':
      problems.add(segments, `${field} must list at least one value`);
      return;
    case 'minimum':
      problems.add(
        segments,
        `${field} must be a whole number, 0 or more; got ${describeValue(
          error.data,
        )}`,
      );
      return;
    default:
      problems.add(segments, describeAjvError(error, field));
  }
}

/**
 * A keyword of a property (or of an array's items) that Port's format does
 * not have, such as `dateFormat` in Port's AWS integration: kept for the
 * round trip, with a warning, since Plinth neither checks nor uses it. A
 * name every JavaScript object has (`__proto__`) is an error: it could not
 * be kept safely.
 */
function unknownKeyword(
  key: string,
  at: Segment[],
  owner: unknown,
  segments: string[],
  problems: Problems,
) {
  if (isPrototypeKey(key)) {
    problems.add(
      at,
      `unknown keyword "${key}": it is the name of a property every JavaScript object has (Object.prototype); remove it`,
    );
    return;
  }
  const type = keywordTypeOf(isObject(owner) ? owner.type : undefined);
  const items = isItemsPath(segments);
  let accepted = '';
  let hint = '';
  if (type) {
    const allowed = keywordsFor(type, items);
    const { subject, accepts } = subjectOf(type, items ? 'items' : 'property');
    accepted = `; ${subject} ${accepts} ${listOf(allowed)}`;
    const near = allowed.find(known => isNearMiss(key, known));
    hint = near ? ` (did you mean "${near}"?)` : '';
  }
  problems.warn(
    at,
    `unknown keyword "${key}" is kept as written, but Plinth does not check or use it${hint}${accepted}`,
  );
}

/**
 * Whether `word` looks like a misspelling of `known`: the same but for
 * case, or at most two letters changed, added, dropped or swapped
 * (`minLenght`).
 */
function isNearMiss(word: string, known: string): boolean {
  if (word.toLowerCase() === known.toLowerCase()) return true;
  if (known.length < 5 || Math.abs(word.length - known.length) > 2) {
    return false;
  }
  // Optimal string alignment distance, row by row.
  let before: number[] = [];
  let previous = Array.from({ length: known.length + 1 }, (_, j) => j);
  for (let i = 1; i <= word.length; i++) {
    const current = [i];
    for (let j = 1; j <= known.length; j++) {
      const cost = word[i - 1] === known[j - 1] ? 0 : 1;
      current[j] = Math.min(
        previous[j] + 1,
        current[j - 1] + 1,
        previous[j - 1] + cost,
      );
      if (
        i > 1 &&
        j > 1 &&
        word[i - 1] === known[j - 2] &&
        word[i - 2] === known[j - 1]
      ) {
        current[j] = Math.min(current[j], before[j - 2] + 1);
      }
    }
    before = previous;
    previous = current;
  }
  return previous[known.length] <= 2;
}

/** Checks a key of properties, relations, mirror, calculation or aggregation properties. */
function checkKey(
  key: string,
  at: Segment[],
  noun: string,
  problems: Problems,
) {
  const reason = propertyKeyProblem(key);
  if (reason) {
    problems.add(at, `${noun} key ${reason}`);
  }
}

/** Checks a blueprint identifier, or a reference to one (relation or aggregation target). */
function checkIdentifierValue(
  value: unknown,
  at: Segment[],
  field: string,
  problems: Problems,
) {
  if (typeof value !== 'string') return; // the meta-schema reports it
  const reason = identifierProblem(value);
  if (reason) {
    problems.add(at, `${field} ${reason}`);
  }
}

/** The formats or specs of strings or of objects; none for other types. */
function byType(
  type: string,
  strings: readonly string[],
  objects: readonly string[],
): readonly string[] | undefined {
  if (type === 'string') return strings;
  if (type === 'object') return objects;
  return undefined;
}

/** How messages name what a format or spec sits on: `a string property`, `string items`. */
function subjectOf(type: string, kind: 'property' | 'items' | 'calculation') {
  if (kind === 'items') {
    return { subject: `${type} items`, accepts: 'accept' };
  }
  const noun = kind === 'property' ? 'property' : 'calculation property';
  return { subject: withArticle(`${type} ${noun}`), accepts: 'accepts' };
}

function checkFormatAndSpec(
  schema: Record<string, unknown>,
  type: string,
  at: Segment[],
  kind: 'property' | 'items' | 'calculation',
  specs: { string: readonly string[]; object: readonly string[] },
  problems: Problems,
) {
  const { subject, accepts } = subjectOf(type, kind);
  const format = schema.format;
  if (typeof format === 'string') {
    const allowed = byType(type, STRING_FORMATS, OBJECT_FORMATS);
    if (!allowed) {
      problems.add(
        [...at, 'format'],
        `format does not apply to ${subject}; formats apply to strings and objects`,
      );
    } else if (!allowed.includes(format)) {
      const hint =
        type === 'string' && OBJECT_FORMATS.includes(format)
          ? ` (${format} is a format for objects)`
          : '';
      problems.add(
        [...at, 'format'],
        `unknown format "${format}"${hint}; ${subject} ${accepts} the format${
          allowed.length > 1 ? 's' : ''
        } ${listOf(allowed)}`,
      );
    }
  }
  const spec = schema.spec;
  if (typeof spec === 'string') {
    const allowed = byType(type, specs.string, specs.object);
    if (!allowed) {
      problems.add(
        [...at, 'spec'],
        `spec does not apply to ${subject}; specs apply to strings and objects`,
      );
    } else if (!allowed.includes(spec)) {
      problems.add(
        [...at, 'spec'],
        `unknown spec "${spec}"; ${subject} ${accepts} the specs ${listOf(
          allowed,
        )}`,
      );
    }
  }
}

/** Type-dependent checks of a property or of an array's `items`; returns whether it is sound. */
function checkValueSchema(
  schema: Record<string, unknown>,
  at: Segment[],
  items: boolean,
  problems: Problems,
): boolean {
  const before = problems.errorCount;
  const type = keywordTypeOf(schema.type);
  if (!type) {
    // A missing or unknown type is reported by the meta-schema; the rest
    // depends on the type.
    return false;
  }
  if (schema.type === 'enum') {
    // port-labs/ocean's ArgoCD integration writes string enums this way.
    const values = schema.enum;
    if (!Array.isArray(values) || values.length === 0) {
      problems.add(
        [...at, 'type'],
        `"type": "enum" is read as a string enum, and needs an "enum" list of strings; or use one of ${listOf(
          PROPERTY_TYPES,
        )}`,
      );
      return false;
    }
    if (values.every(v => v === null || typeof v === 'string')) {
      problems.warn(
        [...at, 'type'],
        '"type": "enum" is not one of Port\'s property types; it is kept as written and read as "type": "string" with these enum values',
      );
    }
  }
  const { subject, accepts } = subjectOf(type, items ? 'items' : 'property');
  const allowed = keywordsFor(type, items);
  const known = Object.keys(
    items ? ITEMS_META_SCHEMA.properties : PROPERTY_META_SCHEMA.properties,
  );
  for (const keyword of Object.keys(schema)) {
    if (keyword === 'required' && typeof schema.required === 'boolean') {
      problems.add(
        [...at, keyword],
        items
          ? '"required" inside items is not Port\'s format; items cannot be required'
          : `"required": ${schema.required} is not how Port marks a required property; list its key in schema.required`,
      );
    } else if (known.includes(keyword) && !allowed.includes(keyword)) {
      // Unknown keywords are the meta-schema's to report.
      problems.add(
        [...at, keyword],
        `${keyword} does not apply to ${subject}, which ${accepts} ${listOf(
          allowed,
        )}`,
      );
    }
  }

  if (type === 'string' || type === 'object') {
    checkFormatAndSpec(
      schema,
      type,
      at,
      items ? 'items' : 'property',
      { string: STRING_SPECS, object: OBJECT_SPECS },
      problems,
    );
  }
  if (
    schema.specAuthentication !== undefined &&
    type === 'string' &&
    schema.spec !== 'embedded-url'
  ) {
    problems.add(
      [...at, 'specAuthentication'],
      'specAuthentication is only used with "spec": "embedded-url"',
    );
  }

  if (Array.isArray(schema.enum) && (type === 'string' || type === 'number')) {
    const seen = new Set<unknown>();
    schema.enum.forEach((value, index) => {
      if (value !== null && typeof value !== type) {
        problems.add(
          [...at, 'enum', index],
          `enum values of ${
            schema.type === 'enum' ? 'a "type": "enum" property' : subject
          } must be ${type}s; got ${jsonTypeOf(value)} ${describeValue(value)}`,
        );
      } else if (seen.has(value)) {
        problems.add(
          [...at, 'enum', index],
          `enum lists ${describeValue(value)} twice`,
        );
      }
      seen.add(value);
    });
  }
  if (isObject(schema.enumColors)) {
    if (!Array.isArray(schema.enum)) {
      problems.add(
        [...at, 'enumColors'],
        'enumColors colours the values of an enum; this property has no enum',
      );
    } else {
      const values = [...new Set(schema.enum.map(v => String(v)))];
      for (const key of Object.keys(schema.enumColors)) {
        if (!values.includes(key)) {
          problems.add(
            [...at, 'enumColors', key],
            `enumColors names "${key}", which is not one of the enum values (${listOf(
              values,
            )})`,
          );
        }
      }
    }
  }
  if (typeof schema.pattern === 'string') {
    try {
      // eslint-disable-next-line no-new
      new RegExp(schema.pattern);
    } catch (e) {
      problems.add(
        [...at, 'pattern'],
        `pattern is not a valid regular expression: ${errorMessage(e)}`,
      );
    }
  }
  for (const [low, high] of [
    ['minLength', 'maxLength'],
    ['minimum', 'maximum'],
    ['minItems', 'maxItems'],
  ]) {
    const a = schema[low];
    const b = schema[high];
    if (typeof a === 'number' && typeof b === 'number' && a > b) {
      problems.add(
        [...at, low],
        `${low} ${a} is greater than ${high} ${b}; no value could satisfy both`,
      );
    }
  }
  if (type === 'array' && isObject(schema.items)) {
    checkValueSchema(schema.items, [...at, 'items'], true, problems);
  }
  return problems.errorCount === before;
}

/** Nested JSON-schema keywords whose content only ajv can judge. */
function hasNestedSchema(schema: Record<string, unknown>): boolean {
  if (
    schema.properties !== undefined ||
    schema.additionalProperties !== undefined ||
    schema.patternProperties !== undefined
  ) {
    return true;
  }
  return isObject(schema.items) && hasNestedSchema(schema.items);
}

/**
 * Compiles a sound property's JSON schema (so that nested schemas are
 * checked) and checks its `default` against it.
 */
function checkCompiles(
  property: Record<string, unknown>,
  at: Segment[],
  problems: Problems,
) {
  if (property.default === undefined && !hasNestedSchema(property)) {
    return;
  }
  let validate: ValidateFunction;
  try {
    validate = getValueAjv().compile(propertyJsonSchema(property, false));
  } catch (e) {
    problems.add(
      at,
      `the property's JSON schema is not valid: ${errorMessage(e)}`,
    );
    return;
  }
  if (property.default !== undefined && !validate(property.default)) {
    for (const error of validate.errors ?? []) {
      const inner = error.instancePath ? ` at ${error.instancePath}` : '';
      problems.add(
        [...at, 'default'],
        `${describeAjvError(
          error,
          `default${inner}`,
        )} (the default must satisfy the property)`,
      );
    }
  }
}

/** Checks a dot path of relation keys whose first segment must be a relation of this blueprint. */
function checkRelationPath(
  path: string,
  at: Segment[],
  relations: Record<string, unknown>,
  minSegments: number,
  what: string,
  problems: Problems,
): void {
  const segments = path.split('.');
  if (segments.some(s => s === '')) {
    problems.add(at, `${what} ${describeValue(path)} has an empty segment`);
    return;
  }
  // Relation keys, then (in a mirror path) a property key or a
  // meta-property: each a key Port accepts.
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    if (minSegments > 1 && i === segments.length - 1 && segment[0] === '$') {
      continue;
    }
    const reason = propertyKeyProblem(segment);
    if (reason) {
      problems.add(
        at,
        `${what} ${describeValue(path)}: segment ${i + 1} ${reason}`,
      );
      return;
    }
  }
  if (segments.length < minSegments) {
    problems.add(
      at,
      `${what} ${describeValue(
        path,
      )} must lead through at least one relation: <relation>.<property>, like "system.$title"`,
    );
    return;
  }
  if (!hasOwn(relations, segments[0])) {
    const known = Object.keys(relations);
    problems.add(
      at,
      `${what} ${describeValue(path)} starts with "${
        segments[0]
      }", which is not a relation of this blueprint${
        known.length
          ? ` (relations: ${listOf(known)})`
          : ' (it has no relations)'
      }`,
    );
    return;
  }
  const last = segments[segments.length - 1];
  if (minSegments > 1 && last.startsWith('$')) {
    if (!META_PROPERTIES.includes(last)) {
      problems.add(
        at,
        `${what} ${describeValue(
          path,
        )} ends with "${last}", which is not a meta-property; meta-properties are ${listOf(
          META_PROPERTIES,
        )}`,
      );
    }
  }
}

function checkCalculationSpec(
  spec: Record<string, unknown>,
  at: Segment[],
  problems: Problems,
) {
  // The keys of the target's properties (or a meta-property, for
  // measureTimeBy): looked up in the target blueprint.
  for (const key of ['property', 'measureTimeBy']) {
    const name = spec[key];
    if (typeof name !== 'string' || name[0] === '$') continue;
    const reason = propertyKeyProblem(name);
    if (reason) {
      problems.add([...at, key], `${key} ${reason}`);
    }
  }
  const by = spec.calculationBy;
  const func = spec.func;
  if (typeof func !== 'string') return;
  if (by === 'entities') {
    if (func !== 'count' && func !== 'average') {
      problems.add(
        [...at, 'func'],
        `func "${func}" needs "calculationBy": "property"; with "calculationBy": "entities" func is count or average`,
      );
    }
    if (func === 'average' && spec.averageOf === undefined) {
      problems.add(
        at,
        'missing "averageOf": an average of entities is per hour, day, week, month or total',
      );
    }
    if (spec.property !== undefined) {
      problems.add(
        [...at, 'property'],
        'property is only used with "calculationBy": "property"',
      );
    }
  } else if (by === 'property') {
    if (func === 'count') {
      problems.add(
        [...at, 'func'],
        'func "count" needs "calculationBy": "entities"; with "calculationBy": "property" func is sum, min, max, median or average',
      );
    }
    if (spec.property === undefined) {
      problems.add(
        at,
        'missing "property": the number property of the target blueprint to aggregate',
      );
    }
  }
  if (func !== 'average') {
    for (const key of ['averageOf', 'measureTimeBy']) {
      if (spec[key] !== undefined) {
        problems.add(
          [...at, key],
          `${key} is only used with "func": "average"`,
        );
      }
    }
  }
}

const SECTION_NOUNS: Record<string, string> = {
  schema: 'property',
  relations: 'relation',
  mirrorProperties: 'mirror property',
  calculationProperties: 'calculation property',
  aggregationProperties: 'aggregation property',
};

/** The key-value entries of a section, or none when it is not an object. */
function entriesOf(value: unknown): Array<[string, unknown]> {
  return isObject(value) ? Object.entries(value) : [];
}

/**
 * Checks one blueprint against Port's blueprint format: its shape (with
 * ajv, against {@link BLUEPRINT_META_SCHEMA}) and the rules a JSON schema
 * cannot state: identifiers and keys (see `identifierProblem` and
 * `propertyKeyProblem`: Port's characters and lengths, no names of
 * `Object.prototype`'s properties, no `.` or `..` path segments), titles
 * and descriptions within their bounds, which keywords, formats and specs
 * fit which property type, enum values and colours, patterns that compile,
 * defaults that satisfy their property, `schema.required` naming existing
 * properties, relations that are not both required and many, mirror and
 * ownership paths that start at a relation of this blueprint, aggregation
 * specs, and keys that clash between properties, relations, mirror,
 * calculation and aggregation properties.
 *
 * Two things Port's integrations write are accepted with a warning (a
 * problem with `severity: 'warning'`), and kept as written: `"type":
 * "enum"` with string `enum` values (read as a string enum), and keywords
 * of a property that Port's format does not have (`dateFormat`). A
 * blueprint whose only problems are warnings is valid: `blueprint` is set,
 * and `problems` holds the warnings.
 *
 * References to other blueprints (relation targets, where mirror paths
 * lead) are checked by {@link validateBlueprintSet}.
 *
 * @example
 * ```ts
 * const { blueprint, problems } = validateBlueprint(value, 'blueprints/Component.json');
 * if (!blueprint) problems.forEach(p => console.error(formatProblem(p)));
 * ```
 * @public
 */
export function validateBlueprint(
  value: unknown,
  source: string,
  options: ValidateBlueprintOptions = {},
): BlueprintValidationResult {
  const problems = new Problems(source, options.pointer ?? '');
  const validateShape = getMetaValidator();
  if (!validateShape(value)) {
    for (const error of validateShape.errors ?? []) {
      metaProblem(error, value, problems);
    }
  }
  if (!isObject(value)) {
    return { problems: problems.list };
  }

  checkIdentifierValue(
    value.identifier,
    ['identifier'],
    'identifier',
    problems,
  );

  const schema = isObject(value.schema) ? value.schema : {};
  const properties = isObject(schema.properties) ? schema.properties : {};
  const relations = isObject(value.relations) ? value.relations : {};

  for (const [key, property] of entriesOf(properties)) {
    const at = ['schema', 'properties', key];
    checkKey(key, at, 'property', problems);
    if (isObject(property) && checkValueSchema(property, at, false, problems)) {
      checkCompiles(property, at, problems);
    }
  }

  if (Array.isArray(schema.required)) {
    const seen = new Set<string>();
    schema.required.forEach((key, index) => {
      if (typeof key !== 'string') return;
      if (!hasOwn(properties, key)) {
        const known = Object.keys(properties);
        problems.add(
          ['schema', 'required', index],
          `schema.required lists "${key}", which is not a property${
            known.length
              ? ` (properties: ${listOf(known)})`
              : ' (there are no properties)'
          }`,
        );
      } else if (seen.has(key)) {
        problems.add(
          ['schema', 'required', index],
          `schema.required lists "${key}" twice`,
        );
      }
      seen.add(key);
    });
  }

  for (const [key, relation] of entriesOf(relations)) {
    const at = ['relations', key];
    checkKey(key, at, 'relation', problems);
    if (!isObject(relation)) continue;
    checkIdentifierValue(
      relation.target,
      [...at, 'target'],
      'target',
      problems,
    );
    // port-labs/port-skills relations.md: "A relation cannot be both
    // required: true and many: true at the same time, the API rejects that
    // combination."
    if (relation.required === true && relation.many === true) {
      problems.add(
        at,
        'a relation cannot be both required and many (Port rejects it): a required relation takes exactly one target',
      );
    }
  }

  for (const [key, mirror] of entriesOf(value.mirrorProperties)) {
    const at = ['mirrorProperties', key];
    checkKey(key, at, 'mirror property', problems);
    if (isObject(mirror) && typeof mirror.path === 'string') {
      checkRelationPath(
        mirror.path,
        [...at, 'path'],
        relations,
        2,
        'path',
        problems,
      );
    }
  }

  for (const [key, calculation] of entriesOf(value.calculationProperties)) {
    const at = ['calculationProperties', key];
    checkKey(key, at, 'calculation property', problems);
    if (!isObject(calculation) || typeof calculation.type !== 'string')
      continue;
    const type = calculation.type;
    if (type === 'string' || type === 'object') {
      checkFormatAndSpec(
        calculation,
        type,
        at,
        'calculation',
        { string: CALCULATION_SPECS, object: OBJECT_SPECS },
        problems,
      );
    } else if ((PROPERTY_TYPES as readonly string[]).includes(type)) {
      for (const keyword of ['format', 'spec']) {
        if (calculation[keyword] !== undefined) {
          problems.add(
            [...at, keyword],
            `${keyword} does not apply to ${withArticle(
              `${type} calculation property`,
            )}`,
          );
        }
      }
    }
    if (calculation.items !== undefined && type !== 'array') {
      problems.add(
        [...at, 'items'],
        `items only applies to an array calculation property; this one is ${withArticle(
          type,
        )}`,
      );
    } else if (isObject(calculation.items)) {
      checkValueSchema(calculation.items, [...at, 'items'], true, problems);
    }
  }

  for (const [key, aggregation] of entriesOf(value.aggregationProperties)) {
    const at = ['aggregationProperties', key];
    checkKey(key, at, 'aggregation property', problems);
    if (!isObject(aggregation)) continue;
    checkIdentifierValue(
      aggregation.target,
      [...at, 'target'],
      'target',
      problems,
    );
    if (isObject(aggregation.calculationSpec)) {
      checkCalculationSpec(
        aggregation.calculationSpec,
        [...at, 'calculationSpec'],
        problems,
      );
    }
    if (Array.isArray(aggregation.pathFilter)) {
      aggregation.pathFilter.forEach((filter, i) => {
        if (!isObject(filter)) return;
        checkIdentifierValue(
          filter.fromBlueprint,
          [...at, 'pathFilter', i, 'fromBlueprint'],
          'fromBlueprint',
          problems,
        );
        if (!Array.isArray(filter.path)) return;
        filter.path.forEach((relationKey, j) => {
          const reason =
            typeof relationKey === 'string'
              ? propertyKeyProblem(relationKey)
              : undefined;
          if (reason) {
            problems.add(
              [...at, 'pathFilter', i, 'path', j],
              `relation key ${reason}`,
            );
          }
        });
      });
    }
  }

  const ownership = value.ownership;
  if (isObject(ownership)) {
    if (ownership.type === 'Inherited') {
      if (typeof ownership.path !== 'string') {
        if (ownership.path === undefined) {
          problems.add(
            ['ownership'],
            'missing "path": Inherited ownership follows a dot path of relations to the blueprint whose team owns these entities',
          );
        }
      } else {
        checkRelationPath(
          ownership.path,
          ['ownership', 'path'],
          relations,
          1,
          'path',
          problems,
        );
      }
    } else if (ownership.type === 'Direct' && ownership.path !== undefined) {
      problems.add(
        ['ownership', 'path'],
        'path is only used with "type": "Inherited"',
      );
    }
  }
  if (
    isObject(value.teamInheritance) &&
    typeof value.teamInheritance.path === 'string'
  ) {
    checkRelationPath(
      value.teamInheritance.path,
      ['teamInheritance', 'path'],
      relations,
      1,
      'path',
      problems,
    );
  }

  // One namespace for every kind of property and relation; report the
  // second occurrence, in document order.
  const taken = new Map<string, { noun: string; pointer: string }>();
  for (const section of Object.keys(value)) {
    const noun = ownValue(SECTION_NOUNS, section);
    if (!noun) continue;
    const prefix: Segment[] =
      section === 'schema' ? ['schema', 'properties'] : [section];
    const entries =
      section === 'schema' ? entriesOf(properties) : entriesOf(value[section]);
    for (const [key] of entries) {
      const pointer = jsonPointer(...prefix, key);
      const first = taken.get(key);
      if (first) {
        problems.add(
          [...prefix, key],
          `"${key}" is already the key of ${withArticle(first.noun)} (${
            problems.base
          }${
            first.pointer
          }); properties, relations, mirror, calculation and aggregation properties need different keys`,
        );
      } else {
        taken.set(key, { noun, pointer });
      }
    }
  }

  return problems.errorCount === 0
    ? { blueprint: value as unknown as Blueprint, problems: problems.list }
    : { problems: problems.list };
}
