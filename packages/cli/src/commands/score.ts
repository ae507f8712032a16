import {
  formatScoreProblem,
  parseScore,
  ScoreProblem,
  type ResourceDefinition,
  type ScoreWorkload,
} from '@plinth/plugin-orchestrator-common';
import {
  defaultResources,
  renderWorkloads,
  toYaml,
  type KubernetesObject,
  type RenderInput,
  type RenderProblem,
} from '@plinth/plugin-orchestrator-node';
import { promises as fs } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { readDefinitions, resolveWithDefinitions } from './scoreDefinitions';
import {
  CommandResult,
  EXIT_INVALID,
  EXIT_USAGE,
  EXIT_VALID,
} from './validate';

/** Score files in a folder: `score.yaml`, `score.yml`, `score.json`, `*.score.yaml`… */
const SCORE_FILE = /(^|\.)score\.(ya?ml|json)$/;
/** Folders no one keeps Score files in, and which are large. */
const SKIPPED = new Set(['node_modules', '.git', 'dist', 'dist-types']);

/** The Score files of the paths: files as given, folders searched. */
async function scoreFilesOf(
  paths: string[],
  cwd: string,
): Promise<{ files: string[]; missing: string[] }> {
  const files: string[] = [];
  const missing: string[] = [];
  const walk = async (dir: string) => {
    const entries = await fs.readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory() && !SKIPPED.has(entry.name)) await walk(path);
      else if (entry.isFile() && SCORE_FILE.test(entry.name)) files.push(path);
    }
  };
  for (const path of paths) {
    const absolute = resolve(cwd, path);
    const stat = await fs.stat(absolute).catch(() => undefined);
    if (!stat) missing.push(path);
    else if (stat.isDirectory()) await walk(absolute);
    else files.push(absolute);
  }
  return { files, missing };
}

/**
 * `plinth score validate <file|dir>...`: each Score workload file checked
 * against the Score specification (score.dev/v1b1) and its placeholders
 * against its resources. One line per problem (`file:line:column: key:
 * message`) on stdout, or JSON with `--format json`. Exit 0 when every file
 * is valid, 1 when one is not, 2 on a usage error (a path that does not
 * exist, a folder without Score files).
 */
export async function scoreValidateCommand(
  paths: string[],
  options: { format: 'text' | 'json'; cwd?: string },
): Promise<CommandResult> {
  const cwd = options.cwd ?? process.cwd();
  const { files, missing } = await scoreFilesOf(paths, cwd);
  if (missing.length > 0) {
    return {
      exitCode: EXIT_USAGE,
      stdout: '',
      stderr: `No such file or folder: ${missing.join(', ')}\n`,
    };
  }
  if (files.length === 0) {
    return {
      exitCode: EXIT_USAGE,
      stdout: '',
      stderr: `No Score files (score.yaml, *.score.yaml, score.json…) in ${paths.join(
        ', ',
      )}\n`,
    };
  }
  const results: Array<{ file: string; problems: ScoreProblem[] }> = [];
  for (const file of files) {
    const name = relative(cwd, file) || file;
    const text = await fs.readFile(file, 'utf8');
    results.push({ file: name, problems: parseScore(text, name).problems });
  }
  const problems = results.flatMap(r => r.problems);
  const invalid = results.filter(r => r.problems.length > 0).length;
  let stdout: string;
  if (options.format === 'json') {
    stdout = `${JSON.stringify(
      results.map(r => ({ ...r, valid: r.problems.length === 0 })),
      null,
      2,
    )}\n`;
  } else if (problems.length > 0) {
    stdout = `${problems.map(formatScoreProblem).join('\n')}\n${
      problems.length
    } problem(s) in ${invalid} of ${files.length} Score file(s)\n`;
  } else {
    stdout = `${files.length} Score file(s) valid\n`;
  }
  return { exitCode: problems.length > 0 ? EXIT_INVALID : EXIT_VALID, stdout };
}

/** Options of `plinth score render`. */
export interface ScoreRenderOptions {
  out?: string;
  env?: string;
  envType?: string;
  namespace?: string;
  app?: string;
  seed?: string;
  /** A YAML or JSON file of `values:` and `secrets:` for `environment` resources. */
  values?: string;
  /**
   * Resource definition files, or folders of them (`*.yaml`, `*.yml`,
   * `*.json`): `template` ones give their resources' outputs.
   */
  definitions?: string[];
  /**
   * `<namespace>/<name>` or `<namespace>/<name>/<section>`: routes render
   * as Gateway API HTTPRoutes attached to this Gateway (and listener).
   */
  gateway?: string;
  /** The ingress class of the Ingresses routes render as. */
  ingressClass?: string;
  format?: 'text' | 'json';
  cwd?: string;
}

/**
 * How routes render, from `--gateway` and `--ingress-class`; or a usage
 * error.
 */
function routingOf(
  options: ScoreRenderOptions,
): { routing: RenderInput['routing'] } | { error: string } {
  if (options.gateway !== undefined && options.ingressClass !== undefined) {
    return {
      error:
        '--gateway and --ingress-class exclude each other: routes render as HTTPRoutes of a Gateway or as Ingresses',
    };
  }
  if (options.gateway !== undefined) {
    const parts = options.gateway.split('/');
    if (parts.length < 2 || parts.length > 3 || parts.some(p => !p)) {
      return {
        error: `--gateway "${options.gateway}" is not <namespace>/<name> or <namespace>/<name>/<section> of a Gateway`,
      };
    }
    const [namespace, name, sectionName] = parts;
    return {
      routing: {
        kind: 'httproute',
        gateway: { name, namespace, ...(sectionName ? { sectionName } : {}) },
      },
    };
  }
  if (options.ingressClass === '') {
    return { error: '--ingress-class must name an ingress class' };
  }
  return {
    routing: { kind: 'ingress', className: options.ingressClass },
  };
}

type SharedValues = {
  values: Record<string, string>;
  secrets: Record<string, string>;
};

/**
 * The shared values of a `--values` file: `values` and `secrets`, maps of
 * names to texts (numbers and booleans are written as texts); or what is
 * wrong with it.
 */
function sharedValuesOf(
  text: string,
  file: string,
): { shared?: SharedValues; problems: string[] } {
  let document: unknown;
  try {
    document = parseYaml(text);
  } catch (error) {
    return {
      problems: [`${file}: not YAML or JSON: ${(error as Error).message}`],
    };
  }
  const problems: string[] = [];
  const shared: SharedValues = { values: {}, secrets: {} };
  if (!document || typeof document !== 'object' || Array.isArray(document)) {
    return {
      problems: [
        `${file}: must be a map with values: and secrets: maps of names to texts`,
      ],
    };
  }
  for (const [field, map] of Object.entries(document)) {
    if (field !== 'values' && field !== 'secrets') {
      problems.push(`${file}: ${field}: is not values or secrets`);
      continue;
    }
    if (!map || typeof map !== 'object' || Array.isArray(map)) {
      problems.push(`${file}: ${field}: must be a map of names to texts`);
      continue;
    }
    for (const [name, value] of Object.entries(map)) {
      if (['string', 'number', 'boolean'].includes(typeof value)) {
        shared[field][name] = String(value);
      } else {
        problems.push(`${file}: ${field}.${name}: must be a text`);
      }
    }
  }
  return problems.length ? { problems } : { shared, problems };
}

/** A Kubernetes namespace: a DNS label. */
const NAMESPACE = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** The label every object Plinth renders carries, as YAML writes it. */
const MANAGED_BY_PLINTH = 'app.kubernetes.io/managed-by: plinth';

/** `<kind>-<name>.yaml`, lowercase. */
function manifestFileOf(object: KubernetesObject): string {
  return `${object.kind}-${object.metadata.name}.yaml`.toLowerCase();
}

/** `2 Deployment, 1 Service` in kind order of first appearance. */
function kindCounts(manifests: KubernetesObject[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { kind } of manifests) counts[kind] = (counts[kind] ?? 0) + 1;
  return counts;
}

function usage(message: string): CommandResult {
  return { exitCode: EXIT_USAGE, stdout: '', stderr: `${message}\n` };
}

/**
 * `plinth score render <file|dir>... --out <dir>`: Kubernetes manifests of
 * Score workloads without an orchestrator, as score-k8s renders them. The
 * files are read and checked as by `score validate`; each resource gets
 * its outputs from the `template` resource definition of `--definitions`
 * that matches it (`resolveWithDefinitions`; a definition of another
 * driver cannot run offline, and gives way to the default with a warning
 * on stderr), or else from a built-in in-cluster default
 * (`defaultResources` of `@plinth/plugin-orchestrator-node`: a
 * StatefulSet, Service and Secret per database, with a password derived
 * from `--seed`), and the workloads are rendered with `renderWorkloads`.
 * One YAML file per object, `<kind>-<name>.yaml`, is written to `--out`;
 * YAML files there that Plinth rendered before (labelled
 * `app.kubernetes.io/managed-by: plinth`) are removed first, so the folder
 * holds what was rendered and nothing else of ours. Nothing is written
 * when there is a problem: one line each, exit 1. Exit 2 on a usage error
 * (a definitions file that is not valid among them). Routes render as an
 * Ingress (of `--ingress-class`), or as Gateway API HTTPRoutes attached
 * to the Gateway `--gateway <namespace>/<name>[/<section>]`.
 */
export async function scoreRenderCommand(
  paths: string[],
  options: ScoreRenderOptions,
): Promise<CommandResult> {
  const cwd = options.cwd ?? process.cwd();
  const json = options.format === 'json';
  if (paths.length === 0) {
    return usage('No Score files given: plinth score render <file|dir>...');
  }
  if (!options.out) {
    return usage('No --out folder given to write the manifests to');
  }
  const env = options.env ?? 'development';
  const envType = options.envType ?? 'development';
  const namespace = options.namespace ?? env;
  if (!NAMESPACE.test(namespace)) {
    return usage(
      `--namespace "${namespace}" is not a Kubernetes namespace (a DNS label: lowercase letters, digits and "-"); give --namespace when --env is not one`,
    );
  }
  const routed = routingOf(options);
  if ('error' in routed) return usage(routed.error);
  const { files, missing } = await scoreFilesOf(paths, cwd);
  if (missing.length > 0) {
    return usage(`No such file or folder: ${missing.join(', ')}`);
  }
  if (files.length === 0) {
    return usage(
      `No Score files (score.yaml, *.score.yaml, score.json…) in ${paths.join(
        ', ',
      )}`,
    );
  }

  let sharedValues: SharedValues | undefined;
  if (options.values !== undefined) {
    const text = await fs
      .readFile(resolve(cwd, options.values), 'utf8')
      .catch(() => undefined);
    if (text === undefined) {
      return usage(`No such file: ${options.values}`);
    }
    const read = sharedValuesOf(text, options.values);
    if (read.problems.length > 0) {
      return {
        exitCode: EXIT_INVALID,
        stdout: json
          ? `${JSON.stringify({ problems: read.problems }, null, 2)}\n`
          : `${read.problems.join('\n')}\nnothing was written\n`,
      };
    }
    sharedValues = read.shared;
  }

  let definitions: ResourceDefinition[] = [];
  if (options.definitions?.length) {
    const read = await readDefinitions(options.definitions, cwd);
    if (read.error) return usage(read.error);
    definitions = read.definitions;
  }

  const scoreProblems: ScoreProblem[] = [];
  const workloads: Record<string, ScoreWorkload> = {};
  const sources: Record<string, string> = {};
  for (const file of files) {
    const name = relative(cwd, file) || file;
    const parsed = parseScore(await fs.readFile(file, 'utf8'), name);
    scoreProblems.push(...parsed.problems);
    const workload = parsed.workload;
    if (!workload) continue;
    const workloadName = workload.metadata.name;
    if (sources[workloadName]) {
      scoreProblems.push({
        file: name,
        line: 1,
        column: 1,
        key: 'metadata.name',
        message: `workload "${workloadName}" is already in ${sources[workloadName]}; workload names must differ`,
      });
      continue;
    }
    sources[workloadName] = name;
    workloads[workloadName] = workload;
  }
  if (scoreProblems.length > 0) {
    return {
      exitCode: EXIT_INVALID,
      stdout: json
        ? `${JSON.stringify({ problems: scoreProblems }, null, 2)}\n`
        : `${scoreProblems.map(formatScoreProblem).join('\n')}\n${
            scoreProblems.length
          } problem(s) in the Score file(s); nothing was written\n`,
    };
  }

  const input = {
    app: options.app ?? `component:default/${Object.keys(workloads)[0]}`,
    environment: { id: env, type: envType },
    namespace,
    workloads,
  };
  const defined = resolveWithDefinitions(workloads, definitions, input);
  const defaults = defaultResources({
    ...input,
    workloads: defined.workloads,
    seed: options.seed,
    sharedValues,
  });
  const problems: RenderProblem[] = [...defined.problems, ...defaults.problems];
  // Warnings go to stderr whatever the outcome.
  const warnings = defined.warnings.length
    ? { stderr: defined.warnings.map(w => `warning: ${w}\n`).join('') }
    : {};
  let manifests: KubernetesObject[] = [];
  if (problems.length === 0) {
    const resources: RenderInput['resources'] = {};
    for (const name of Object.keys(workloads)) {
      resources[name] = {
        ...defaults.resources[name],
        ...defined.resources[name],
      };
    }
    const rendered = renderWorkloads({
      ...input,
      resources,
      routing: routed.routing,
    });
    problems.push(...rendered.problems);
    manifests = [...defaults.manifests, ...rendered.manifests];
    const seen = new Set<string>();
    for (const object of manifests) {
      const id = `${object.kind}/${object.metadata.name}`;
      if (seen.has(id)) {
        problems.push({
          object: id,
          message: `${id} is rendered twice: a resource's id names a workload's objects; give the resource another id.`,
        });
      }
      seen.add(id);
    }
  }
  if (problems.length > 0) {
    return {
      exitCode: EXIT_INVALID,
      stdout: json
        ? `${JSON.stringify({ problems }, null, 2)}\n`
        : `${problems.map(p => p.message).join('\n')}\n${
            problems.length
          } problem(s); nothing was written\n`,
      ...warnings,
    };
  }

  const out = resolve(cwd, options.out);
  await fs.mkdir(out, { recursive: true });
  for (const entry of await fs.readdir(out, { withFileTypes: true })) {
    if (!entry.isFile() || !/\.ya?ml$/.test(entry.name)) continue;
    const path = join(out, entry.name);
    if ((await fs.readFile(path, 'utf8')).includes(MANAGED_BY_PLINTH)) {
      await fs.rm(path);
    }
  }
  const written: string[] = [];
  for (const object of manifests) {
    const file = manifestFileOf(object);
    await fs.writeFile(join(out, file), toYaml([object]), 'utf8');
    written.push(file);
  }
  const counts = kindCounts(manifests);
  if (json) {
    return {
      exitCode: EXIT_VALID,
      stdout: `${JSON.stringify(
        { out: options.out, objects: counts, files: written },
        null,
        2,
      )}\n`,
      ...warnings,
    };
  }
  return {
    exitCode: EXIT_VALID,
    ...warnings,
    stdout: `${Object.entries(counts)
      .map(([kind, count]) => `${count} ${kind}`)
      .join(', ')}\nwrote ${written.length} file(s) to ${options.out} (app ${
      input.app
    }, environment ${env}, namespace ${namespace})\n`,
  };
}
