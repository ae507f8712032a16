import {
  explainMatch,
  findPlaceholders,
  resourceDefinitionSchema,
  resourceIdOf,
  substitutePlaceholders,
  type ResourceDefinition,
  type ScoreResource,
  type ScoreWorkload,
} from '@plinth/plugin-orchestrator-common';
import {
  DEFAULT_RESOURCE_TYPES,
  renderTemplateOutputs,
  type RenderProblem,
  type ResolvedResource,
  type TemplateContext,
} from '@plinth/plugin-orchestrator-node';
import { promises as fs } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';

/** Files of a `--definitions` folder. */
const DEFINITION_FILE = /\.(ya?ml|json)$/;

/**
 * The resource definitions of `--definitions` files and folders (a
 * folder's `*.yaml`, `*.yml` and `*.json` files, not its subfolders), each
 * checked as the orchestrator checks its definition files: a list, or a
 * map with `resourceDefinitions:`, of definitions its schema accepts, ids
 * unique. The error names the file and the field, as in
 * `defs.yaml [0].driver: must be a driver id such as postgres`.
 */
export async function readDefinitions(
  paths: string[],
  cwd: string,
): Promise<{ definitions: ResourceDefinition[]; error?: string }> {
  const files: string[] = [];
  for (const path of paths) {
    const absolute = resolve(cwd, path);
    const stat = await fs.stat(absolute).catch(() => undefined);
    if (!stat) {
      return { definitions: [], error: `No such file or folder: ${path}` };
    }
    if (!stat.isDirectory()) {
      files.push(absolute);
      continue;
    }
    const entries = (await fs.readdir(absolute, { withFileTypes: true }))
      .filter(entry => entry.isFile() && DEFINITION_FILE.test(entry.name))
      .map(entry => entry.name)
      .sort((a, b) => a.localeCompare(b));
    if (entries.length === 0) {
      return {
        definitions: [],
        error: `No resource definition files (*.yaml, *.yml, *.json) in ${path}`,
      };
    }
    files.push(...entries.map(name => join(absolute, name)));
  }

  const definitions: ResourceDefinition[] = [];
  const seen = new Map<string, string>();
  for (const file of files) {
    const name = relative(cwd, file) || file;
    const fail = (message: string) => ({
      definitions: [],
      error: `Resource definition file ${name}: ${message}`,
    });
    let document: unknown;
    try {
      document = parseYaml(await fs.readFile(file, 'utf8'));
    } catch (error) {
      return fail(`not YAML or JSON: ${(error as Error).message}`);
    }
    const list = Array.isArray(document)
      ? document
      : (document as { resourceDefinitions?: unknown } | null)
          ?.resourceDefinitions;
    if (!Array.isArray(list)) {
      return fail(
        'must hold a list of definitions, or a map with resourceDefinitions: [...]',
      );
    }
    for (const [i, value] of list.entries()) {
      const where = `${name} [${i}]`;
      const parsed = resourceDefinitionSchema.safeParse(value);
      if (!parsed.success) {
        return {
          definitions: [],
          error: `Resource definition ${parsed.error.issues
            .map(
              issue =>
                `${where}${
                  issue.path.length ? `.${issue.path.join('.')}` : ''
                }: ${issue.message}`,
            )
            .join('; ')}`,
        };
      }
      const earlier = seen.get(parsed.data.id);
      if (earlier) {
        return {
          definitions: [],
          error: `Resource definition "${parsed.data.id}" is defined twice: in ${earlier} and ${where}`,
        };
      }
      seen.set(parsed.data.id, where);
      definitions.push(parsed.data as ResourceDefinition);
    }
  }
  return { definitions };
}

/** Where the workloads are rendered, as definitions' criteria see it. */
export interface DefinitionTarget {
  app: string;
  environment: { id: string; type: string };
}

/** What {@link resolveWithDefinitions} gives. */
export interface DefinitionsResult {
  /**
   * The workloads with the resources the definitions resolved taken out,
   * and their outputs written into the params of the others: what is left
   * for `defaultResources`.
   */
  workloads: Record<string, ScoreWorkload>;
  /** Per workload, the outputs of the resources the definitions resolved. */
  resources: Record<string, Record<string, ResolvedResource>>;
  /** Definitions that cannot run offline, left to the built-in defaults. */
  warnings: string[];
  problems: RenderProblem[];
}

/**
 * The stable key of a resource in an environment, as the orchestrator's
 * provisioning plan gives it to drivers (`${resource.key}`).
 */
function resourceKeyOf(target: DefinitionTarget, resId: string): string {
  const withoutKind = target.app.slice(target.app.indexOf(':') + 1);
  const appName = withoutKind.slice(withoutKind.lastIndexOf('/') + 1);
  return `${appName}/${target.environment.id}/${resId}/${target.app}`;
}

class Problem extends Error {}

/** A resource's template definition, or what else resolves it. */
type Choice = ResourceDefinition | 'default' | 'problem';

/** Whether a map has a key of its own (`constructor` is not one). */
function has(map: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(map, key);
}

function stringsIn(value: unknown, found: string[] = []): string[] {
  if (typeof value === 'string') found.push(value);
  else if (Array.isArray(value)) value.forEach(v => stringsIn(v, found));
  else if (value && typeof value === 'object') {
    Object.values(value).forEach(v => stringsIn(v, found));
  }
  return found;
}

/** Each string of params (at any depth) passed through `map`. */
function mapStrings(value: unknown, map: (text: string) => string): unknown {
  if (typeof value === 'string') return map(value);
  if (Array.isArray(value)) return value.map(v => mapStrings(v, map));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, mapStrings(v, map)]),
    );
  }
  return value;
}

/** A value written so that placeholders read it as it is: `$` as `$$`. */
function escaped(text: string): string {
  return text.replace(/\$/g, '$$$$');
}

/**
 * A text with some placeholders replaced and the others, and its escapes,
 * kept as written: `resolve` gives a value, or undefined to keep one.
 */
function substituteSome(
  text: string,
  resolveOne: (segments: string[]) => string | undefined,
): string {
  // A mark no YAML text holds stands for each placeholder while the rest,
  // unescaped by substitutePlaceholders, is escaped again.
  const MARK = '\u0000';
  if (text.includes(MARK)) return text;
  const kept: string[] = [];
  const marked = substitutePlaceholders(text, ({ expression, segments }) => {
    const value = resolveOne(segments);
    kept.push(value === undefined ? `\${${expression}}` : escaped(value));
    return MARK;
  });
  return marked
    .split(MARK)
    .map((part, i) => escaped(part) + (kept[i] ?? ''))
    .join('');
}

/** A metadata field of a workload as params read it. */
function metadataValue(workload: ScoreWorkload, segments: string[]): string {
  let current: unknown = workload.metadata;
  for (const segment of segments.slice(1)) {
    current = (current as Record<string, unknown> | undefined)?.[segment];
  }
  return typeof current === 'object'
    ? JSON.stringify(current)
    : String(current ?? '');
}

/**
 * Resolves the workloads' resources with resource definitions, offline, as
 * an orchestrator run would choose them (`explainMatch`: the most specific
 * definition applying to the resource, app and environment):
 *
 * - a `template` definition: its outputs, rendered from its templates
 *   (`renderTemplateOutputs`); its params may read the outputs of other
 *   template resources of the workload, which become its dependencies;
 * - a definition of another driver cannot run offline: the resource is
 *   left to the built-in default of its type, with a warning naming the
 *   resource, the definition and its driver — or, for a type without a
 *   default, it is a problem;
 * - no definition applying: left to the built-in default (a type without
 *   one is `defaultResources`' problem); two applying equally: a problem
 *   naming them.
 *
 * The resources left to the defaults read the template resources' outputs
 * in their params as written into them.
 */
export function resolveWithDefinitions(
  workloads: Record<string, ScoreWorkload>,
  definitions: readonly ResourceDefinition[],
  target: DefinitionTarget,
): DefinitionsResult {
  const result: DefinitionsResult = {
    workloads: {},
    resources: {},
    warnings: [],
    problems: [],
  };
  /** By resource id: its type and what the template gave (undefined: a problem). */
  const byId = new Map<string, { type: string; resolved?: ResolvedResource }>();
  /** By resource id: what the definitions said, so a shared one is judged once. */
  const choices = new Map<string, Choice>();

  for (const workloadName of Object.keys(workloads).sort()) {
    const workload = workloads[workloadName];
    const declared = workload.resources ?? {};
    const describe = (name: string) =>
      `Workload "${workloadName}", resources.${name} (${declared[name].type})`;
    const problem = (name: string, message: string) =>
      result.problems.push({
        workload: workloadName,
        key: `resources.${name}`,
        message: `${describe(name)}: ${message}`,
      });

    /**
     * How a resource is resolved: by its template definition, by the
     * built-in default, or not at all (a problem, reported once).
     */
    const choiceOf = (name: string): Choice => {
      const resource = declared[name];
      const resId = resourceIdOf(workloadName, name, resource.id);
      const known = choices.get(resId);
      if (known) return known;
      const { chosen, error, candidates } = explainMatch(definitions, {
        name: `${workloadName}.${name}`,
        type: resource.type,
        class: resource.class,
        resId,
        appId: target.app,
        envId: target.environment.id,
        envType: target.environment.type,
      });
      let choice: Choice = 'default';
      if (!chosen) {
        // None applies: the built-in default, as without definitions.
        if (candidates.some(c => c.specificity !== undefined)) {
          problem(name, error!);
          choice = 'problem';
        }
      } else if (chosen.definition.driver === 'template') {
        choice = chosen.definition;
      } else {
        const { id, driver } = chosen.definition;
        const why = `resource definition "${id}" uses driver "${driver}", which cannot run offline (only template definitions can)`;
        if (DEFAULT_RESOURCE_TYPES.includes(resource.type)) {
          result.warnings.push(
            `${describe(
              name,
            )}: ${why}; rendered with the built-in default instead.`,
          );
        } else {
          problem(
            name,
            `${why}, and ${resource.type} has no built-in default; render it through the orchestrator, or give a template definition for it.`,
          );
          choice = 'problem';
        }
      }
      choices.set(resId, choice);
      return choice;
    };
    const templateOf = (name: string): ResourceDefinition | undefined => {
      const choice = choiceOf(name);
      return typeof choice === 'object' ? choice : undefined;
    };

    const done: Record<string, ResolvedResource> = {};
    const failed = new Set<string>();
    const visiting = new Set<string>();

    /** The outputs of a template resource; undefined after a problem. */
    const visit = (name: string): ResolvedResource | undefined => {
      if (done[name]) return done[name];
      if (failed.has(name)) return undefined;
      const resource: ScoreResource = declared[name];
      const definition = templateOf(name)!;
      if (visiting.has(name)) {
        failed.add(name);
        problem(name, 'its params name its own outputs, in a cycle.');
        return undefined;
      }
      visiting.add(name);
      const resId = resourceIdOf(workloadName, name, resource.id);
      try {
        const shared = byId.get(resId);
        if (shared) {
          if (shared.type !== resource.type) {
            throw new Problem(
              `its id "${resId}" is a ${shared.type} resource of another workload.`,
            );
          }
          if (!shared.resolved) {
            throw new Problem(`its id "${resId}" could not be resolved.`);
          }
          done[name] = shared.resolved;
          return shared.resolved;
        }
        byId.set(resId, { type: resource.type });
        const secretRefs = Object.keys(
          definition.driverInputs?.secretRefs ?? {},
        );
        if (secretRefs.length > 0) {
          throw new Problem(
            `resource definition "${
              definition.id
            }" reads platform secrets (secretRefs: ${secretRefs.join(
              ', ',
            )}), which cannot be read offline; render it through the orchestrator.`,
          );
        }
        const params = resource.params ?? {};
        const dependencies: Record<string, ResolvedResource> = {};
        for (const text of stringsIn(params)) {
          let placeholders;
          try {
            placeholders = findPlaceholders(text);
          } catch (error) {
            throw new Problem(`its params: ${(error as Error).message}.`);
          }
          for (const { segments, expression } of placeholders) {
            if (segments[0] === 'metadata') continue;
            const other = segments[1];
            if (
              segments[0] !== 'resources' ||
              segments.length !== 3 ||
              !has(declared, other)
            ) {
              throw new Problem(
                `its params name \${${expression}}, which is no resource of this workload.`,
              );
            }
            if (choiceOf(other) === 'problem') {
              throw new Problem(
                `its params use resource "${other}", which has a problem.`,
              );
            }
            if (!templateOf(other)) {
              throw new Problem(
                `its params read \${${expression}}, a resource given by the built-in defaults, whose outputs are only known when rendering; give it a template definition too.`,
              );
            }
            const found = visit(other);
            if (!found) {
              throw new Problem(
                `its params use resource "${other}", which has a problem.`,
              );
            }
            dependencies[other] = found;
          }
        }
        const resolved = renderTemplateOutputs({
          key: resourceKeyOf(target, resId),
          resId,
          type: resource.type,
          class: resource.class ?? 'default',
          params: mapStrings(params, text =>
            substitutePlaceholders(text, ({ segments }) => {
              if (segments[0] === 'metadata') {
                return metadataValue(workload, segments);
              }
              const [, other, output] = segments;
              const value =
                dependencies[other].outputs[output] ??
                dependencies[other].secrets[output];
              if (value === undefined) {
                throw new Problem(
                  `its params name \${resources.${other}.${output}}, an output resource "${other}" (template) does not have.`,
                );
              }
              return value;
            }),
          ) as TemplateContext['params'],
          app: target.app,
          environment: target.environment,
          inputs: (definition.driverInputs?.values ??
            {}) as TemplateContext['inputs'],
          secretInputs: [],
          dependencies,
        });
        byId.set(resId, { type: resource.type, resolved });
        done[name] = resolved;
        return resolved;
      } catch (error) {
        failed.add(name);
        problem(
          name,
          error instanceof Problem
            ? error.message
            : `resource definition "${definition.id}" (template): ${
                (error as Error).message
              }`,
        );
        return undefined;
      } finally {
        visiting.delete(name);
      }
    };

    const left: Record<string, ScoreResource> = {};
    for (const name of Object.keys(declared)) {
      const choice = choiceOf(name);
      if (choice === 'default') left[name] = declared[name];
      else if (choice !== 'problem') visit(name);
    }
    result.resources[workloadName] = done;
    // The defaults' params read the template resources' outputs as written.
    for (const [name, resource] of Object.entries(left)) {
      if (!resource.params) continue;
      try {
        left[name] = {
          ...resource,
          params: mapStrings(resource.params, text =>
            substituteSome(text, ([root, other, output]) => {
              if (root !== 'resources' || !has(declared, other)) {
                return undefined;
              }
              if (choiceOf(other) === 'default') return undefined;
              if (!done[other]) {
                throw new Problem(
                  `its params use resource "${other}", which has a problem.`,
                );
              }
              const value =
                done[other].outputs[output] ?? done[other].secrets[output];
              if (value === undefined) {
                throw new Problem(
                  `its params name \${resources.${other}.${output}}, an output resource "${other}" (template) does not have.`,
                );
              }
              return value;
            }),
          ) as ScoreResource['params'],
        };
      } catch (error) {
        // An unclosed placeholder is the defaults' to report.
        if (!(error instanceof Problem)) continue;
        problem(name, error.message);
        delete left[name];
      }
    }
    result.workloads[workloadName] = { ...workload, resources: left };
  }
  return result;
}
