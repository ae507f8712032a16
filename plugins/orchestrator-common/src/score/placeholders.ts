import { resourceTypeOf } from '../resources/resourceTypes';
import { keyPath } from './keyPath';
import type { ScoreWorkload } from './scoreSchema';

/**
 * A `${…}` placeholder in a Score value.
 * @public
 */
export interface Placeholder {
  /** As written between the braces: `resources.db.host`. */
  expression: string;
  /** Split on dots: `['resources', 'db', 'host']`. */
  segments: string[];
}

/**
 * A placeholder that cannot be resolved, and where it is written.
 * @public
 */
export interface PlaceholderProblem {
  /** The key path of the value: `containers.api.variables.DATABASE_URL`. */
  key: string;
  /** The same path, segment by segment. */
  path: (string | number)[];
  message: string;
}

type Part = { text: string } | { placeholder: Placeholder };

/**
 * Splits a value into text and placeholders. `$${` writes a literal `${`
 * and `$$` a literal `$`, as in Score.
 * @throws Error naming the unclosed placeholder
 */
function partsOf(value: string): Part[] {
  const parts: Part[] = [];
  let text = '';
  let i = 0;
  while (i < value.length) {
    if (value[i] === '$' && value[i + 1] === '$') {
      text += '$';
      i += 2;
    } else if (value[i] === '$' && value[i + 1] === '{') {
      const end = value.indexOf('}', i + 2);
      if (end < 0) {
        throw new Error(
          `"${value.slice(
            i,
            i + 40,
          )}" opens a placeholder that is not closed with "}" (write $\${ for a literal \${)`,
        );
      }
      if (text) parts.push({ text });
      text = '';
      const expression = value.slice(i + 2, end).trim();
      parts.push({
        placeholder: { expression, segments: expression.split('.') },
      });
      i = end + 1;
    } else {
      text += value[i];
      i += 1;
    }
  }
  if (text) parts.push({ text });
  return parts;
}

/**
 * The placeholders of a value, in order.
 * @throws Error naming an unclosed placeholder
 * @public
 */
export function findPlaceholders(value: string): Placeholder[] {
  return partsOf(value).flatMap(part =>
    'placeholder' in part ? [part.placeholder] : [],
  );
}

/**
 * A value with each placeholder replaced by what `resolve` gives it, and
 * `$${`/`$$` escapes written out.
 * @throws Error from `resolve`, or naming an unclosed placeholder
 * @public
 */
export function substitutePlaceholders(
  value: string,
  resolve: (placeholder: Placeholder) => string,
): string {
  return partsOf(value)
    .map(part =>
      'placeholder' in part ? resolve(part.placeholder) : part.text,
    )
    .join('');
}

/**
 * The values of a workload placeholders are resolved in, with their key
 * paths: container variables, file contents (unless `noExpand`), volume
 * sources, and resource params (at any depth).
 * @public
 */
export function placeholderValues(
  workload: ScoreWorkload,
): Array<{ path: (string | number)[]; value: string }> {
  const found: Array<{ path: (string | number)[]; value: string }> = [];
  for (const [name, container] of Object.entries(workload.containers)) {
    const base = ['containers', name];
    for (const [variable, value] of Object.entries(container.variables ?? {})) {
      found.push({ path: [...base, 'variables', variable], value });
    }
    (container.files ?? []).forEach((file, i) => {
      if (file.content !== undefined && !file.noExpand) {
        found.push({
          path: [...base, 'files', i, 'content'],
          value: file.content,
        });
      }
    });
    (container.volumes ?? []).forEach((volume, i) => {
      found.push({
        path: [...base, 'volumes', i, 'source'],
        value: volume.source,
      });
    });
  }
  const walk = (value: unknown, path: (string | number)[]) => {
    if (typeof value === 'string') found.push({ path, value });
    else if (Array.isArray(value))
      value.forEach((v, i) => walk(v, [...path, i]));
    else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) walk(v, [...path, k]);
    }
  };
  for (const [name, resource] of Object.entries(workload.resources ?? {})) {
    walk(resource.params ?? {}, ['resources', name, 'params']);
  }
  return found;
}

function listed(names: string[]): string {
  return names.length ? names.join(', ') : 'none';
}

/**
 * Checks every placeholder of a workload before anything is provisioned:
 * `${metadata.…}` must name workload metadata, `${resources.<name>}` one of
 * its resources, and `${resources.<name>.<output>}` an output of that
 * resource's type (when Plinth knows the type).
 * @public
 */
export function checkPlaceholders(
  workload: ScoreWorkload,
): PlaceholderProblem[] {
  const problems: PlaceholderProblem[] = [];
  const resources = workload.resources ?? {};
  for (const { path, value } of placeholderValues(workload)) {
    const key = keyPath(path);
    let placeholders: Placeholder[];
    try {
      placeholders = findPlaceholders(value);
    } catch (error) {
      problems.push({ key, path, message: (error as Error).message });
      continue;
    }
    for (const { expression, segments } of placeholders) {
      const [root, name, output, ...rest] = segments;
      const where = `\${${expression}}`;
      if (root === 'metadata') {
        let current: unknown = workload.metadata;
        for (const segment of segments.slice(1)) {
          current =
            current && typeof current === 'object'
              ? (current as Record<string, unknown>)[segment]
              : undefined;
        }
        if (segments.length < 2 || current === undefined) {
          problems.push({
            key,
            path,
            message: `${where} names no metadata of this workload (such as \${metadata.name})`,
          });
        }
      } else if (root === 'resources') {
        const resource = name === undefined ? undefined : resources[name];
        if (!resource) {
          problems.push({
            key,
            path,
            message: `${where} names no resource of this workload; its resources are: ${listed(
              Object.keys(resources),
            )}`,
          });
          continue;
        }
        const type = resourceTypeOf(resource.type);
        if (output === undefined || !type || type.open) continue;
        const outputs = type.outputs.map(o => o.name);
        if (!outputs.includes(output) || rest.length > 0) {
          problems.push({
            key,
            path,
            message: `${where}: a ${
              resource.type
            } resource has no output "${segments
              .slice(2)
              .join('.')}"; its outputs are: ${listed(outputs)}`,
          });
        }
      } else {
        problems.push({
          key,
          path,
          message: `${where} is not a Score placeholder: they start with metadata. or resources. (write $\${ for a literal \${)`,
        });
      }
    }
  }
  return problems;
}
