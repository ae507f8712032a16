import type { DatabaseService } from '@backstage/backend-plugin-api';
import {
  dailyDistributions,
  dayOf,
  DemoLevelChange,
  DemoResult,
  DemoScorecard,
  demoTrends,
  levelPath,
} from './scorecardHistory';

const DAY = 86_400_000;

/** The scorecards plugin's database client. */
type Knex = Awaited<ReturnType<DatabaseService['getClient']>>;

/** What {@link DemoScorecardHistoryStore.backfill} wrote for a scorecard. */
export interface BackfillOutcome {
  /** The entities given a history of months. */
  entities: number;
  /** The days given a distribution. */
  days: number;
}

/**
 * Writes the demo's months of scorecard history into the scorecards
 * backend's own tables (its migrations: `scorecard_results`,
 * `scorecard_level_history`, `scorecard_daily`), as the backend itself would
 * have written them had the demo been running for months. Only the example
 * backend's demo module uses it, with the scorecards plugin's database.
 */
export class DemoScorecardHistoryStore {
  constructor(private readonly db: Knex) {}

  /** The current results of a scorecard. */
  async resultsOf(scorecard: string): Promise<DemoResult[]> {
    const rows = await this.db('scorecard_results')
      .where('scorecard', scorecard)
      .select('entity_ref', 'level', 'level_index', 'rules');
    return rows.map(row => ({
      entityRef: row.entity_ref,
      level: row.level,
      levelIndex: Number(row.level_index),
      rules: JSON.parse(row.rules),
    }));
  }

  /** When any result was last written (epoch ms), or undefined when none is. */
  async lastEvaluation(): Promise<number | undefined> {
    const [row] = await this.db('scorecard_results').max({
      at: 'evaluated_at',
    });
    return row?.at === null || row?.at === undefined
      ? undefined
      : Number(row.at);
  }

  /**
   * Gives a scorecard's entities whose history holds only the last day (the
   * demo's first start) a history of the `days` before `now` ending at their
   * current level, and the scorecard a distribution for every day before its
   * first. Entities with an older history, and days that have one, are left
   * as they are: running it again changes nothing.
   */
  async backfill(
    scorecard: DemoScorecard,
    now: number,
    days: number,
  ): Promise<BackfillOutcome> {
    const results = await this.resultsOf(scorecard.identifier);
    return this.db.transaction(async tx => {
      const rows = await tx('scorecard_level_history')
        .where('scorecard', scorecard.identifier)
        .orderBy('at')
        .select('entity_ref', 'level', 'level_index', 'at');
      const history = new Map<string, DemoLevelChange[]>();
      for (const row of rows) {
        const changes = history.get(row.entity_ref) ?? [];
        changes.push({
          entityRef: row.entity_ref,
          level: row.level,
          levelIndex: row.level_index === null ? -1 : Number(row.level_index),
          at: Number(row.at),
        });
        history.set(row.entity_ref, changes);
      }

      const recent = results.filter(
        result => (history.get(result.entityRef)?.[0]?.at ?? now) >= now - DAY,
      );
      const trends = demoTrends(scorecard, results);
      for (const result of recent) {
        const path = levelPath(
          scorecard,
          result,
          trends.get(result.entityRef)!,
          now,
          days,
        );
        await tx('scorecard_level_history')
          .where({
            scorecard: scorecard.identifier,
            entity_ref: result.entityRef,
          })
          .delete();
        await tx('scorecard_level_history').insert(
          path.map(change => ({
            scorecard: scorecard.identifier,
            entity_ref: change.entityRef,
            level: change.level,
            level_index: change.levelIndex,
            at: change.at,
          })),
        );
        history.set(result.entityRef, path);
      }

      const [first] = await tx('scorecard_daily')
        .where('scorecard', scorecard.identifier)
        .min({ day: 'day' });
      const lastDay = first?.day
        ? dayOf(Date.parse(`${first.day}T00:00:00Z`) - DAY)
        : dayOf(now - DAY);
      const missing = dailyDistributions(
        scorecard,
        results,
        history,
        dayOf(now - days * DAY),
        lastDay,
      ).filter(day => day.total > 0);
      for (const { day, ...distribution } of missing) {
        await tx('scorecard_daily')
          .insert({
            scorecard: scorecard.identifier,
            day,
            distribution: JSON.stringify(distribution),
          })
          .onConflict(['scorecard', 'day'])
          .ignore();
      }
      return { entities: recent.length, days: missing.length };
    });
  }
}
