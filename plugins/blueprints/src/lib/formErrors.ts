import { RJSFSchema, RJSFValidationError } from '@rjsf/utils';

/** What each string format expects, as a user would say it. */
const FORMAT_WORDS: Record<string, string> = {
  user: 'an e-mail address',
  email: 'an e-mail address',
  'idn-email': 'an e-mail address',
  url: 'a web address starting with http:// or https://',
  uri: 'a web address starting with http:// or https://',
  'date-time': 'a date and time, such as 2026-12-31T17:00:00Z',
  timer: 'a date and time, such as 2026-12-31T17:00:00Z',
  date: 'a date, such as 2026-12-31',
  ipv4: 'an IPv4 address, such as 10.0.0.1',
  ipv6: 'an IPv6 address',
};

/** What each JSON type expects. */
const TYPE_WORDS: Record<string, string> = {
  object: 'a JSON object, such as {"key": "value"}',
  array: 'a list',
  number: 'a number',
  integer: 'a whole number',
  string: 'text',
  boolean: 'yes or no',
};

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** The message of one error, in words; `undefined` to keep the library's. */
function messageOf(error: RJSFValidationError): string | undefined {
  const params = error.params ?? {};
  switch (error.name) {
    case 'required':
      return 'is required';
    case 'format':
      return `must be ${
        FORMAT_WORDS[params.format] ?? `in the ${params.format} format`
      }`;
    case 'type': {
      const type = Array.isArray(params.type) ? params.type[0] : params.type;
      return TYPE_WORDS[type] ? `must be ${TYPE_WORDS[type]}` : undefined;
    }
    case 'enum':
      return Array.isArray(params.allowedValues)
        ? `must be one of ${params.allowedValues.join(', ')}`
        : undefined;
    case 'minimum':
      return `must be at least ${params.limit}`;
    case 'maximum':
      return `must be at most ${params.limit}`;
    case 'exclusiveMinimum':
      return `must be more than ${params.limit}`;
    case 'exclusiveMaximum':
      return `must be less than ${params.limit}`;
    case 'minLength':
      return params.limit === 1
        ? 'must not be empty'
        : `must be at least ${plural(params.limit, 'character')} long`;
    case 'maxLength':
      return `must be at most ${plural(params.limit, 'character')} long`;
    case 'minItems':
      return `must have at least ${plural(params.limit, 'item')}`;
    case 'maxItems':
      return `must have at most ${plural(params.limit, 'item')}`;
    case 'pattern':
      return 'is not in the expected form';
    case 'const':
    case 'oneOf':
      return 'must be one of the choices';
    default:
      return undefined;
  }
}

/** The title of the field at an error's property path (`.properties.owner`). */
function titleAt(schema: RJSFSchema, property: string | undefined): string {
  const steps = (property ?? '').split('.').filter(Boolean);
  let current: RJSFSchema | undefined = schema;
  for (const step of steps) {
    const next: unknown = current?.properties?.[step];
    current =
      next && typeof next === 'object' ? (next as RJSFSchema) : undefined;
  }
  return current?.title ?? steps[steps.length - 1] ?? 'The form';
}

/**
 * The form library's validation errors in words a user acts on: what a
 * field expects (`must be an e-mail address`, not `must match format
 * "user"`), and for the list at the top of the form, which field it is
 * (`Owner: must be an e-mail address`). `overrides` words the errors of
 * particular fields and keywords first.
 *
 * @example
 * ```ts
 * <Form transformErrors={plainFormErrors(schema)} showErrorList="top" />
 * ```
 */
export function plainFormErrors(
  schema: RJSFSchema,
  overrides: (error: RJSFValidationError) => string | undefined = () =>
    undefined,
): (errors: RJSFValidationError[]) => RJSFValidationError[] {
  return errors =>
    errors.map(error => {
      const message = overrides(error) ?? messageOf(error) ?? error.message;
      return {
        ...error,
        message,
        stack: `${titleAt(schema, error.property)}: ${message}`,
      };
    });
}
