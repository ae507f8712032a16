import {
  Blueprint,
  calculationRunner,
  computeDerived,
  EntityView,
  errorsOf,
  formatProblem,
  JqEvaluator,
  MemoryEntityGraph,
  validatePortDocuments,
} from '@plinth/plugin-blueprints-common';
import { createJqEngine, readPortFiles } from '@plinth/plugin-blueprints-node';
import {
  compileScorecard,
  levelsOf,
  loadScorecards,
  RuleResult,
} from '@plinth/plugin-scorecards-common';
import { readScorecardFiles } from '@plinth/plugin-scorecards-node';
import { CommandResult, EXIT_INVALID, EXIT_VALID } from './validate';

/** Options of {@link scorecardCommand}. */
export interface ScorecardCommandOptions {
  blueprints: string[];
  entities: string[];
  cwd?: string;
  /** Anchors date rules such as `lastWeek`; now by default. */
  now?: number;
  /** The jq engine; by default one of `createJqEngine`, closed at the end. */
  jq?: JqEvaluator;
}

/** What `plinth scorecard` prints for one scorecard. */
export interface ScorecardReport {
  identifier: string;
  title: string;
  blueprint: string;
  /** Level title → number of entities at that level. */
  levels: Record<string, number>;
  entities: Array<{
    identifier: string;
    title: string;
    level: string;
    levelIndex: number;
    rules: RuleResult[];
  }>;
}

/**
 * Every entity's derived values (mirror, calculation, aggregation), as the
 * blueprints backend computes them, over the entities given. Two passes, so
 * that a mirror of another blueprint's derived value sees it.
 */
async function deriveAll(
  views: EntityView[],
  blueprints: Map<string, Blueprint>,
  jq: JqEvaluator,
  now: number,
) {
  const graph = new MemoryEntityGraph(views);
  const calculate = calculationRunner(jq);
  for (let pass = 0; pass < 2; pass++) {
    for (const [identifier, blueprint] of blueprints) {
      const of = views.filter(v => v.blueprint === identifier);
      if (of.length === 0) continue;
      const results = await computeDerived(blueprint, of, {
        graph,
        blueprints,
        calculate,
        now,
      });
      for (const view of of) {
        const { values } = results.get(`${identifier}:${view.identifier}`)!;
        view.derived = Object.fromEntries(
          Object.entries(values).map(([key, v]) => [key, v.value]),
        );
      }
    }
  }
}

/**
 * `plinth scorecard <scorecards> --blueprints <paths> --entities <paths>`:
 * for each scorecard and each entity it applies to, the level reached and
 * every rule's result, as JSON — what a change to a scorecard, a blueprint
 * or an entity does to levels, seen in CI. Invalid definitions are reported
 * on stderr (exit 1); the valid scorecards are still evaluated.
 */
export async function scorecardCommand(
  scorecardPaths: string[],
  options: ScorecardCommandOptions,
): Promise<CommandResult> {
  const cwd = options.cwd ?? process.cwd();
  const now = options.now ?? Date.now();
  const blueprintFiles = await readPortFiles(options.blueprints, {
    relativeTo: cwd,
  });
  const entityFiles = await readPortFiles(options.entities, {
    relativeTo: cwd,
  });
  const validated = validatePortDocuments({
    blueprints: [...blueprintFiles.blueprints, ...entityFiles.blueprints],
    entities: entityFiles.entities,
  });
  const blueprints = new Map(validated.blueprints.map(b => [b.identifier, b]));
  const scorecardFiles = await readScorecardFiles(scorecardPaths, {
    relativeTo: cwd,
  });
  const loaded = loadScorecards(scorecardFiles.documents, blueprints);
  const problems = [
    ...blueprintFiles.problems,
    ...entityFiles.problems,
    ...validated.problems,
    ...scorecardFiles.problems,
    ...loaded.problems,
  ];
  if (
    scorecardFiles.problems.length === 0 &&
    loaded.scorecards.length === 0 &&
    loaded.problems.length === 0
  ) {
    problems.push({
      source: scorecardPaths.join(', '),
      pointer: '',
      message: 'holds no scorecard',
    });
  }

  const views: EntityView[] = validated.entities.map(e => ({
    ...e.entity,
    blueprint: e.blueprint,
  }));
  const engine = options.jq ? undefined : createJqEngine();
  try {
    await deriveAll(views, blueprints, options.jq ?? engine!, now);
  } finally {
    await engine?.close();
  }

  const reports: ScorecardReport[] = loaded.scorecards.map(({ scorecard }) => {
    const compiled = compileScorecard(scorecard, {
      blueprint: blueprints.get(scorecard.blueprint),
    });
    const levels = Object.fromEntries(
      levelsOf(scorecard).map(l => [l.title, 0]),
    );
    const entities = views
      .filter(view => compiled.applies(view, now))
      .map(view => {
        const result = compiled.evaluate(view, { now });
        levels[result.level]++;
        return {
          identifier: view.identifier,
          title: view.title ?? view.identifier,
          level: result.level,
          levelIndex: result.levelIndex,
          rules: result.rules,
        };
      });
    return {
      identifier: scorecard.identifier,
      title: scorecard.title ?? scorecard.identifier,
      blueprint: scorecard.blueprint,
      levels,
      entities,
    };
  });

  return {
    // Warnings (a blueprint's `"type": "enum"`) are reported, not failures.
    exitCode: errorsOf(problems).length > 0 ? EXIT_INVALID : EXIT_VALID,
    stdout: `${JSON.stringify({ scorecards: reports }, null, 2)}\n`,
    stderr: problems.length
      ? `${problems.map(formatProblem).join('\n')}\n`
      : undefined,
  };
}
