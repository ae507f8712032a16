import {
  Blueprint,
  computeCalculations,
  EntityCalculations,
  errorsOf,
  formatProblem,
  JqEvaluator,
  jsonPointer,
  PortEntity,
  Problem,
  validatePortDocuments,
  ValidatedEntity,
} from '@plinth/plugin-blueprints-common';
import { createJqEngine, readPortFiles } from '@plinth/plugin-blueprints-node';
import {
  CommandResult,
  EXIT_INVALID,
  EXIT_VALID,
  problemLines,
} from './validate';

/** Options of {@link entityCommand}. */
export interface EntityCommandOptions {
  blueprints: string[];
  cwd?: string;
  /** The jq engine; by default one of `createJqEngine`, closed at the end. */
  jq?: JqEvaluator;
}

/** The calculation values of the entities, into their properties; and what failed. */
async function calculate(
  entities: ValidatedEntity[],
  blueprints: Map<string, Blueprint>,
  jq: JqEvaluator,
) {
  // One run of each program for all the entities of a blueprint.
  const values: EntityCalculations[] = new Array(entities.length);
  for (const [identifier, blueprint] of blueprints) {
    const indices = entities.flatMap((e, i) =>
      e.blueprint === identifier ? [i] : [],
    );
    if (indices.length === 0) continue;
    const computed = await computeCalculations(
      blueprint,
      indices.map(i => entities[i].entity),
      jq,
    );
    indices.forEach((index, i) => {
      values[index] = computed[i];
    });
  }

  const out: PortEntity[] = [];
  const problems: Problem[] = [];
  const notes: string[] = [];
  entities.forEach(({ entity, blueprint, source, pointer }, index) => {
    const properties: Record<string, unknown> = { ...entity.properties };
    const name = `${blueprint}:${entity.identifier}`;
    for (const [key, result] of Object.entries(values[index] ?? {})) {
      if ('value' in result) {
        properties[key] = result.value;
        continue;
      }
      // A stale value from the file is not shown as if it were computed.
      delete properties[key];
      if ('error' in result) {
        problems.push({
          source,
          entity: name,
          pointer: `${pointer}${jsonPointer('properties', key)}`,
          message: result.error,
        });
      } else {
        notes.push(`${source}: ${name}: skipped: ${result.skipped}`);
      }
    }
    out.push({ ...entity, blueprint, properties });
  });
  return { entities: out, problems, notes };
}

/**
 * `plinth entity <file> --blueprints <file|dir>...`: the entity (or
 * entities) of the file as Port JSON, with the values of its blueprint's
 * calculation properties among its properties, as Port's API gives them.
 * Only what the entity itself holds is read: a calculation that names a
 * mirror property is skipped, with a note. Problems and notes go to
 * stderr, the JSON to stdout. A problem elsewhere (another blueprint of the
 * same file is invalid) does not keep a valid entity of a valid blueprint
 * from being computed: it is reported, and the exit code is 1.
 */
export async function entityCommand(
  path: string,
  options: EntityCommandOptions,
): Promise<CommandResult> {
  const cwd = options.cwd ?? process.cwd();
  const blueprintFiles = await readPortFiles(options.blueprints, {
    relativeTo: cwd,
  });
  const entityFiles = await readPortFiles([path], { relativeTo: cwd });
  const validated = validatePortDocuments({
    blueprints: [...blueprintFiles.blueprints, ...entityFiles.blueprints],
    entities: entityFiles.entities,
  });
  const problems = [
    ...blueprintFiles.problems,
    ...entityFiles.problems,
    ...validated.problems,
  ];
  if (validated.entities.length === 0) {
    if (errorsOf(problems).length === 0) {
      problems.push({ source: path, pointer: '', message: 'holds no entity' });
    }
    return {
      exitCode: EXIT_INVALID,
      stdout: '',
      stderr: problemLines(problems),
    };
  }
  const invalid = errorsOf(problems).length > 0;

  const engine = options.jq ? undefined : createJqEngine();
  const jq = options.jq ?? engine!;
  try {
    const blueprints = new Map(
      validated.blueprints.map(b => [b.identifier, b]),
    );
    const result = await calculate(validated.entities, blueprints, jq);
    const lines = [
      ...[...problems, ...result.problems].map(formatProblem),
      ...result.notes,
    ];
    return {
      exitCode:
        invalid || result.problems.length > 0 ? EXIT_INVALID : EXIT_VALID,
      stdout: `${JSON.stringify(
        result.entities.length === 1 ? result.entities[0] : result.entities,
        null,
        2,
      )}\n`,
      stderr: lines.length > 0 ? `${lines.join('\n')}\n` : undefined,
    };
  } finally {
    await engine?.close();
  }
}
