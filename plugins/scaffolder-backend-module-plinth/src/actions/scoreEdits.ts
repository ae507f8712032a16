import {
  formatScoreProblem,
  parseScore,
  resourceTypeOf,
  RESOURCE_TYPES,
} from '@plinth/plugin-orchestrator-common';
import { isMap, parseDocument, YAMLMap } from 'yaml';

/**
 * Edits of a Score file that keep the rest of it as written (comments,
 * order, quoting), each checked against the Score specification after.
 */

/** The containers an edit applies to: the one named, or every one. */
function containersOf(
  doc: ReturnType<typeof parseDocument>,
  container: string | undefined,
): string[] {
  const containers = doc.get('containers');
  const names = isMap(containers)
    ? containers.items.map(item => String((item.key as any)?.value ?? item.key))
    : [];
  if (container === undefined) return names;
  if (!names.includes(container)) {
    throw new Error(
      `The Score file has no container "${container}"; its containers are: ${names.join(
        ', ',
      )}`,
    );
  }
  return [container];
}

/** The text of an edited document, once it is still a valid Score file. */
function checked(doc: ReturnType<typeof parseDocument>, file: string): string {
  const text = doc.toString();
  const { problems } = parseScore(text, file);
  if (problems.length > 0) {
    throw new Error(
      `The edited Score file is not valid: ${problems
        .map(formatScoreProblem)
        .join('; ')}`,
    );
  }
  return text;
}

/** What changed in the variables, as sentences for the log. */
export interface VariableEdit {
  score: string;
  changes: string[];
}

/**
 * Sets and removes environment variables of a workload's containers (the
 * one named, or every one).
 */
export function editVariables(
  score: string,
  file: string,
  edit: {
    container?: string;
    set?: Record<string, string>;
    remove?: string[];
  },
): VariableEdit {
  const doc = parseDocument(score);
  const changes: string[] = [];
  for (const container of containersOf(doc, edit.container)) {
    const path = ['containers', container, 'variables'];
    for (const [key, value] of Object.entries(edit.set ?? {})) {
      const before = doc.getIn([...path, key]);
      if (before === value) continue;
      if (!doc.hasIn(path)) doc.setIn(path, new YAMLMap());
      doc.setIn([...path, key], value);
      changes.push(
        before === undefined
          ? `${container}: add ${key}=${value}`
          : `${container}: change ${key} from ${String(before)} to ${value}`,
      );
    }
    for (const key of edit.remove ?? []) {
      if (!doc.hasIn([...path, key])) continue;
      doc.deleteIn([...path, key]);
      changes.push(`${container}: remove ${key}`);
    }
  }
  return { score: checked(doc, file), changes };
}

/**
 * Adds a resource to a workload's Score file; the same resource again is no
 * change, another resource under its name is an error naming both.
 */
export function addResource(
  score: string,
  file: string,
  resource: {
    name: string;
    type: string;
    class?: string;
    id?: string;
    params?: Record<string, unknown>;
  },
): { score: string; added: boolean } {
  if (!resourceTypeOf(resource.type)) {
    throw new Error(
      `type must be a resource type the orchestrator knows, one of ${RESOURCE_TYPES.map(
        t => t.type,
      ).join(', ')}; not "${resource.type}"`,
    );
  }
  const doc = parseDocument(score);
  const existing = doc.getIn(['resources', resource.name]) as
    | YAMLMap
    | undefined;
  const wanted = Object.fromEntries(
    Object.entries({
      type: resource.type,
      class: resource.class,
      id: resource.id,
      params:
        resource.params && Object.keys(resource.params).length > 0
          ? resource.params
          : undefined,
    }).filter(([, value]) => value !== undefined),
  );
  if (existing) {
    const current = (existing as YAMLMap).toJSON?.() ?? existing;
    if (JSON.stringify(current) === JSON.stringify(wanted)) {
      return { score, added: false };
    }
    throw new Error(
      `The Score file already has a resource "${
        resource.name
      }" (${JSON.stringify(current)}); choose another name`,
    );
  }
  if (!doc.has('resources')) doc.set('resources', new YAMLMap());
  doc.setIn(['resources', resource.name], doc.createNode(wanted));
  return { score: checked(doc, file), added: true };
}
