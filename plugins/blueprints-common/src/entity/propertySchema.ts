/*
 * From Port's property definitions to plain JSON schemas that ajv compiles,
 * and from ajv's errors back to sentences. Shared by the entity validator
 * (entity properties) and the blueprint validator (a property's `default`
 * must satisfy the property).
 */

import Ajv, { ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import { fullFormats } from 'ajv-formats/dist/formats';
import {
  describeValue,
  isObject,
  jsonTypeOf,
  listOf,
  withArticle,
} from '../internal/messages';
import { ownValue } from '../internal/objects';

/** JSON-schema keywords copied as they are from a Port property. */
const PASSED_THROUGH = [
  'minLength',
  'maxLength',
  'pattern',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minItems',
  'maxItems',
  'uniqueItems',
  'properties',
  'additionalProperties',
  'patternProperties',
] as const;

/** A lenient email check: Port's user identifiers are email addresses, international ones included. */
const LOOSE_EMAIL = /^[^\s@]+@[^\s@]+$/;

function formatCheck(name: string): (value: string) => boolean {
  const format = fullFormats[name as keyof typeof fullFormats] as unknown;
  if (format instanceof RegExp) return value => format.test(value);
  if (typeof format === 'function') return format as (v: string) => boolean;
  const { validate } = format as {
    validate: RegExp | ((v: string) => boolean);
  };
  return validate instanceof RegExp ? value => validate.test(value) : validate;
}

/**
 * Port's own string formats, as checks: `url` is a URL with a scheme;
 * `timer` is the date-time the timer ends; `user` and `idn-email` are
 * e-mail addresses (port-docs properties/user.md, properties/timer.md); the
 * others only change how Port renders a string. For any JSON-schema
 * validator: the backend's ajv, the browser's form.
 * @public
 */
export const PORT_FORMATS: Readonly<
  Record<string, (value: string) => boolean>
> = {
  url: formatCheck('uri'),
  timer: formatCheck('date-time'),
  'idn-email': value => LOOSE_EMAIL.test(value),
  user: value => LOOSE_EMAIL.test(value),
  team: () => true,
  markdown: () => true,
  yaml: () => true,
  proto: () => true,
  blueprints: () => true,
};

/**
 * An ajv instance that knows Port's formats. `strict: false` because nested
 * `properties` schemas are written by users and may carry annotations ajv
 * does not know; `unicodeRegExp: false` so that a `pattern` means what
 * `new RegExp(pattern)` means.
 * @internal
 */
export function createPortAjv(): Ajv {
  const ajv = new Ajv({
    allErrors: true,
    strict: false,
    logger: false,
    verbose: true,
    unicodeRegExp: false,
  });
  addFormats(ajv, {
    mode: 'full',
    formats: ['date-time', 'email', 'ipv4', 'ipv6', 'uri'],
  });
  for (const [name, check] of Object.entries(PORT_FORMATS)) {
    ajv.addFormat(name, check);
  }
  return ajv;
}

/**
 * The JSON schema of one Port property (or of an array's `items`): only
 * the keywords ajv validates, with Port's `labeled-url` format spelled out
 * as the object it is. `nullable` lets `null` through, which Port treats as
 * "no value".
 * @internal
 */
export function propertyJsonSchema(
  property: Record<string, unknown>,
  nullable: boolean,
): Record<string, unknown> {
  const schema: Record<string, unknown> = {};
  // `"type": "enum"` (Port's ArgoCD integration) is a string enum.
  const type = property.type === 'enum' ? 'string' : property.type;
  if (typeof type === 'string') {
    schema.type = nullable ? [type, 'null'] : type;
  }
  for (const keyword of PASSED_THROUGH) {
    if (property[keyword] !== undefined) {
      schema[keyword] = property[keyword];
    }
  }
  if (type === 'object' && Array.isArray(property.required)) {
    schema.required = property.required;
  }
  if (type === 'string' && typeof property.format === 'string') {
    schema.format = property.format;
  }
  if (type === 'object' && property.format === 'labeled-url') {
    // port-docs properties/labeled-url-object.md: `url` required,
    // `displayText` optional.
    schema.required = ['url'];
    schema.properties = {
      url: { type: 'string', format: 'url' },
      displayText: { type: 'string' },
    };
  }
  if (Array.isArray(property.enum)) {
    schema.enum =
      nullable && !property.enum.includes(null)
        ? [...property.enum, null]
        : property.enum;
  }
  if (type === 'array' && isObject(property.items)) {
    schema.items = propertyJsonSchema(property.items, false);
  }
  return schema;
}

/** What each format asks for, in words. */
const FORMAT_WORDS: Record<string, string> = {
  'date-time': 'a date-time (ISO 8601, like 2024-05-01T12:00:00Z)',
  timer:
    'a date-time when the timer ends (ISO 8601, like 2024-05-01T12:00:00Z)',
  url: 'a URL (like https://example.com)',
  email: 'an email address',
  'idn-email': 'an email address',
  user: "a user's email address",
  ipv4: 'an IPv4 address',
  ipv6: 'an IPv6 address',
};

function typeWords(type: unknown): string {
  const types = (Array.isArray(type) ? type : String(type).split(',')).filter(
    t => t !== 'null',
  );
  return types.map(t => withArticle(String(t))).join(' or ');
}

function plural(count: number, noun: string): string {
  return count === 1 ? `1 ${noun}` : `${count} ${noun}s`;
}

/**
 * One ajv error as a sentence: `<subject> must be one of service, library;
 * got "servce"`. `subject` names the value (`property "type"`).
 * @internal
 */
export function describeAjvError(error: ErrorObject, subject: string): string {
  const data: unknown = error.data;
  const params = error.params as Record<string, any>;
  switch (error.keyword) {
    case 'type':
      return `${subject} must be ${typeWords(params.type)}; got ${jsonTypeOf(
        data,
      )}${
        data !== null && typeof data !== 'object'
          ? ` ${describeValue(data)}`
          : ''
      }`;
    case 'enum':
      return `${subject} must be one of ${listOf(
        (params.allowedValues as unknown[]).filter(v => v !== null),
      )}; got ${describeValue(data)}`;
    case 'const':
      return `${subject} must be ${describeValue(
        params.allowedValue,
      )}; got ${describeValue(data)}`;
    case 'format':
      return `${subject} must be ${
        ownValue(FORMAT_WORDS, String(params.format)) ??
        `in the format ${params.format}`
      }; got ${describeValue(data)}`;
    case 'minLength':
      return `${subject} must be at least ${plural(
        params.limit,
        'character',
      )} long; got ${String(data).length}`;
    case 'maxLength':
      return `${subject} must be at most ${plural(
        params.limit,
        'character',
      )} long; got ${String(data).length}`;
    case 'pattern':
      return `${subject} must match the pattern ${
        params.pattern
      }; got ${describeValue(data)}`;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return `${subject} must be ${params.comparison} ${
        params.limit
      }; got ${describeValue(data)}`;
    case 'minItems':
      return `${subject} must have at least ${plural(
        params.limit,
        'item',
      )}; got ${Array.isArray(data) ? data.length : 0}`;
    case 'maxItems':
      return `${subject} must have at most ${plural(
        params.limit,
        'item',
      )}; got ${Array.isArray(data) ? data.length : 0}`;
    case 'uniqueItems':
      return `${subject} must not hold the same item twice (items ${params.j} and ${params.i} are equal)`;
    case 'required':
      return `${subject} must have "${params.missingProperty}"`;
    case 'additionalProperties':
      return `${subject} has "${params.additionalProperty}", which its schema does not allow`;
    default:
      return `${subject} ${error.message ?? 'is not valid'}`;
  }
}
