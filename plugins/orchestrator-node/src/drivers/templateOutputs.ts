import { InputError } from '@backstage/errors';
import type { JsonValue } from '@backstage/types';
import {
  resourceTypeOf,
  substitutePlaceholders,
  type Placeholder,
} from '@plinth/plugin-orchestrator-common';
import type { ResolvedResource } from '../render/types';
import type { ResourceDriverRequest } from './ResourceDriver';

/**
 * What a template placeholder can read: a driver request, less its logger,
 * signal and shared values. `inputs` are the resource definition's driver
 * inputs (its secret references opened, and named in `secretInputs`).
 * @public
 */
export type TemplateContext = Pick<
  ResourceDriverRequest,
  | 'key'
  | 'resId'
  | 'type'
  | 'class'
  | 'params'
  | 'app'
  | 'environment'
  | 'inputs'
  | 'secretInputs'
  | 'dependencies'
>;

/**
 * A template with its placeholders replaced, as {@link renderTemplate}
 * gives it.
 * @public
 */
export interface RenderedTemplate {
  value: string;
  /** The placeholders that came from secrets, as written: `$\{inputs.token}`. */
  secretPlaceholders: string[];
}

/** A placeholder's value, and whether it came from a secret. */
interface ResolvedPlaceholder {
  value: string;
  secret: boolean;
}

/**
 * Why a placeholder has no value, as the end of a sentence
 * ("… uses $\{x}, which <reason>").
 */
class PlaceholderError extends Error {}

/** The placeholders templates and patterns may use, for messages. */
const TEMPLATE_PLACEHOLDERS =
  '${params.<path>}, ${app.ref}, ${app.name}, ${environment.id}, ${environment.type}, ${resource.id}, ${resource.key}, ${resource.type}, ${resource.class}, ${resources.<dependency>.<output>} or ${inputs.<name>}';

/**
 * The entity name of an app's catalog ref: `cartservice` of
 * `component:default/cartservice`.
 */
function appNameOf(ref: string): string {
  const withoutKind = ref.slice(ref.indexOf(':') + 1);
  return withoutKind.slice(withoutKind.lastIndexOf('/') + 1);
}

/** Whether a map has a key of its own (`constructor` is not one). */
function has(map: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(map, key);
}

function listed(names: string[]): string {
  return names.length ? names.join(', ') : 'none';
}

function isMap(
  value: JsonValue | undefined,
): value is Record<string, JsonValue> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The value at a dotted path of params or inputs, as text: numbers and
 * booleans written out, maps, lists and nulls refused.
 */
function lookup(
  root: Record<string, JsonValue | undefined>,
  segments: string[],
  what: { one: string; many: string },
): string {
  const [first, ...rest] = segments;
  if (first === undefined || first === '') {
    throw new PlaceholderError(
      `names no ${what.one}: name one, such as \${${what.many}.<name>}`,
    );
  }
  if (!has(root, first)) {
    throw new PlaceholderError(
      `names no ${what.one} of this resource; its ${what.one}s are: ${listed(
        Object.keys(root),
      )}`,
    );
  }
  let current: JsonValue | undefined = root[first];
  let path = `${what.many}.${first}`;
  for (const segment of rest) {
    if (isMap(current) && has(current, segment)) {
      current = current[segment];
    } else if (
      Array.isArray(current) &&
      /^\d+$/.test(segment) &&
      Number(segment) < current.length
    ) {
      current = current[Number(segment)];
    } else {
      throw new PlaceholderError(
        `names nothing: ${path} has no ${
          Array.isArray(current) ? 'item' : 'field'
        } "${segment}"`,
      );
    }
    path = `${path}.${segment}`;
  }
  if (typeof current === 'string') return current;
  if (typeof current === 'number' || typeof current === 'boolean') {
    return String(current);
  }
  if (Array.isArray(current)) {
    throw new PlaceholderError(
      'is a list, not a value: name one of its items by its index',
    );
  }
  if (isMap(current)) {
    throw new PlaceholderError('is a map, not a value: name one of its fields');
  }
  throw new PlaceholderError('has no value (it is null)');
}

function only(
  segments: string[],
  values: Record<string, string>,
  root: string,
): string {
  const [name, ...rest] = segments;
  if (name !== undefined && rest.length === 0 && has(values, name)) {
    return values[name];
  }
  throw new PlaceholderError(
    `is not a placeholder of the ${root}; they are: ${Object.keys(values)
      .map(known => `\${${root}.${known}}`)
      .join(', ')}`,
  );
}

/**
 * The value of a template placeholder for a request, and whether it is a
 * secret (a secret input, or a dependency's secret output).
 * @throws PlaceholderError saying why it has none
 */
function resolvePlaceholder(
  context: TemplateContext,
  { segments }: Placeholder,
): ResolvedPlaceholder {
  const [root, ...rest] = segments;
  const plain = (value: string) => ({ value, secret: false });
  switch (root) {
    case 'params':
      return plain(
        lookup(context.params, rest, { one: 'param', many: 'params' }),
      );
    case 'inputs':
      return {
        value: lookup(context.inputs, rest, { one: 'input', many: 'inputs' }),
        secret: context.secretInputs.includes(rest[0]),
      };
    case 'app':
      return plain(
        only(rest, { ref: context.app, name: appNameOf(context.app) }, 'app'),
      );
    case 'environment':
      return plain(
        only(
          rest,
          { id: context.environment.id, type: context.environment.type },
          'environment',
        ),
      );
    case 'resource':
      return plain(
        only(
          rest,
          {
            id: context.resId,
            key: context.key,
            type: context.type,
            class: context.class,
          },
          'resource',
        ),
      );
    case 'resources': {
      const [name, output, ...more] = rest;
      const dependency =
        name !== undefined && has(context.dependencies, name)
          ? context.dependencies[name]
          : undefined;
      if (!dependency) {
        throw new PlaceholderError(
          `names no dependency of this resource; its dependencies are: ${listed(
            Object.keys(context.dependencies),
          )}`,
        );
      }
      if (output === undefined || more.length > 0) {
        throw new PlaceholderError(
          `names no output: write \${resources.${name}.<output>}`,
        );
      }
      if (has(dependency.secrets, output)) {
        return { value: dependency.secrets[output], secret: true };
      }
      if (has(dependency.outputs, output)) {
        return plain(dependency.outputs[output]);
      }
      throw new PlaceholderError(
        `names no output of the dependency "${name}"; its outputs are: ${listed(
          [
            ...Object.keys(dependency.outputs),
            ...Object.keys(dependency.secrets),
          ],
        )}`,
      );
    }
    default:
      throw new PlaceholderError(
        `is not a template placeholder: they are ${TEMPLATE_PLACEHOLDERS} (write $\${ for a literal \${)`,
      );
  }
}

/**
 * A template with its placeholders replaced, each value passed through
 * `format` (such as making it a DNS label): `${params.<path>}` (a dotted
 * path into nested maps and lists), `${app.ref}`, `${app.name}`,
 * `${environment.id}`, `${environment.type}`, `${resource.id}`,
 * `${resource.key}`, `${resource.type}`, `${resource.class}`,
 * `${resources.<dependency>.<output>}` and `${inputs.<name>}`; `$${`
 * writes a literal `${`. Numbers and booleans are written out; a map or a
 * list is an error.
 *
 * @param where - where the template is, for messages (`outputs.host`)
 * @throws InputError naming the resource, `where` the template is, and the
 *   placeholder without a value (never a value)
 *
 * @example
 * ```ts
 * const { value } = renderTemplate(request, '${app.name}.example.com', 'pattern');
 * ```
 * @public
 */
export function renderTemplate(
  context: TemplateContext,
  template: string,
  where: string,
  format: (value: string) => string = value => value,
): RenderedTemplate {
  const secretPlaceholders: string[] = [];
  let value: string;
  try {
    value = substitutePlaceholders(template, placeholder => {
      const written = `\${${placeholder.expression}}`;
      try {
        const resolved = resolvePlaceholder(context, placeholder);
        if (resolved.secret) secretPlaceholders.push(written);
        return format(resolved.value);
      } catch (error) {
        if (error instanceof PlaceholderError) {
          throw new InputError(
            `Resource "${context.key}": ${where} uses ${written}, which ${error.message}.`,
          );
        }
        throw error;
      }
    });
  } catch (error) {
    if (error instanceof InputError) throw error;
    // An unclosed placeholder: the message quotes the template, not a value.
    throw new InputError(
      `Resource "${context.key}": ${where} is not a valid template: ${
        (error as Error).message
      }.`,
    );
  }
  return { value, secretPlaceholders };
}

/**
 * Checks a driver's result against its resource type: no name both plain
 * and secret, and the type's secret outputs (a database password) among
 * the secrets, never among the plain outputs.
 *
 * @param source - what gave the outputs, for messages (`the template`)
 * @throws InputError naming the resource and the output
 * @public
 */
export function checkSecretOutputs(
  context: Pick<TemplateContext, 'key' | 'type'>,
  outputs: Record<string, string>,
  secrets: Record<string, string>,
  source: string,
): void {
  for (const name of Object.keys(outputs)) {
    if (has(secrets, name)) {
      throw new InputError(
        `Resource "${context.key}": ${source} gives the output "${name}" both as a plain output and as a secret; give it once.`,
      );
    }
    const known = resourceTypeOf(context.type)?.outputs.find(
      output => output.name === name,
    );
    if (known?.secret) {
      throw new InputError(
        `Resource "${context.key}": "${name}" is a secret output of a ${context.type} resource, but ${source} gives it as a plain output; give it under secrets, so it is stored sealed and never shown.`,
      );
    }
  }
}

/**
 * The `outputs` or `secrets` input of a template definition: a map of
 * output names to templates, or what is wrong with it.
 */
function templatesOf(
  inputs: TemplateContext['inputs'],
  field: 'outputs' | 'secrets',
  problems: string[],
): Record<string, string> {
  const templates = inputs[field];
  if (templates === undefined) return {};
  if (!isMap(templates)) {
    problems.push(`input ${field} must be a map of output names to templates`);
    return {};
  }
  const found: Record<string, string> = {};
  for (const [name, template] of Object.entries(templates)) {
    if (typeof template === 'string') found[name] = template;
    else problems.push(`input ${field}.${name} must be a text`);
  }
  return found;
}

/**
 * The outputs of a resource whose definition uses the `template` driver:
 * its driver inputs `outputs` and `secrets` map output names to templates
 * ({@link renderTemplate}), rendered for the resource. Nothing is created
 * and nothing is read, so the same context always gives the same outputs —
 * which is how the orchestrator's `template` driver provisions, and how
 * `plinth score render` resolves such resources offline.
 *
 * A template that uses a secret (an input from a secret reference, a
 * dependency's secret output) must be under `secrets`, and so must the
 * type's secret outputs (a password; see {@link checkSecretOutputs}).
 *
 * @param context - the resource, where it is, and its definition's driver
 *   inputs as `inputs`
 * @returns the plain outputs, and the secret ones apart
 * @throws InputError naming the resource and the input or template that is
 *   wrong (never a value)
 *
 * @example
 * ```ts
 * const { outputs } = renderTemplateOutputs({
 *   key: 'orders.events', resId: 'orders.events', type: 'kafka-topic',
 *   class: 'default', params: { topic: 'orders' },
 *   app: 'component:default/orders', environment: { id: 'dev', type: 'development' },
 *   inputs: { outputs: { name: '${app.name}-${params.topic}' } },
 *   secretInputs: [], dependencies: {},
 * });
 * // outputs.name === 'orders-orders'
 * ```
 * @public
 */
export function renderTemplateOutputs(
  context: TemplateContext,
): ResolvedResource {
  const problems: string[] = [];
  const templates = {
    outputs: templatesOf(context.inputs, 'outputs', problems),
    secrets: templatesOf(context.inputs, 'secrets', problems),
  };
  if (problems.length > 0) {
    throw new InputError(
      `Resource "${context.key}": the template driver's ${problems.join(
        '; ',
      )}.`,
    );
  }
  const outputs: Record<string, string> = {};
  const secrets: Record<string, string> = {};
  for (const [name, template] of Object.entries(templates.outputs)) {
    const where = `outputs.${name}`;
    const rendered = renderTemplate(context, template, where);
    if (rendered.secretPlaceholders.length > 0) {
      throw new InputError(
        `Resource "${
          context.key
        }": ${where} uses the secret ${rendered.secretPlaceholders.join(
          ', ',
        )}; a template that uses a secret must be under secrets (secrets.${name}), so its value is stored sealed and never shown.`,
      );
    }
    outputs[name] = rendered.value;
  }
  for (const [name, template] of Object.entries(templates.secrets)) {
    secrets[name] = renderTemplate(context, template, `secrets.${name}`).value;
  }
  checkSecretOutputs(context, outputs, secrets, 'the template');
  return { outputs, secrets };
}
