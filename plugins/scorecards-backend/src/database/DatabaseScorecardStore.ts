import { DatabaseService } from '@backstage/backend-plugin-api';
import {
  chunks,
  IN_CHUNK,
  migrateDatabase,
  ROW_CHUNK,
} from '@plinth/backend-utils';
import type {
  Exemption,
  LevelChange,
  LevelDistribution,
} from '@plinth/plugin-scorecards-common';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import {
  applyToDistribution,
  dayOf,
  emptyDistribution,
} from '../lib/distribution';
import type {
  EntityResults,
  QueuedEntity,
  ResultChange,
  SavedDefinition,
  ScorecardStore,
  StoredResult,
} from './ScorecardStore';

interface ResultRow {
  scorecard: string;
  entity_ref: string;
  level: string;
  level_index: number;
  rules: string;
  facets: string;
  hash: string;
  evaluated_at: number | string;
}

function toResult(row: ResultRow): StoredResult {
  return {
    scorecard: row.scorecard,
    entityRef: row.entity_ref,
    level: row.level,
    levelIndex: Number(row.level_index),
    rules: JSON.parse(row.rules),
    facets: JSON.parse(row.facets),
    hash: row.hash,
    evaluatedAt: Number(row.evaluated_at),
  };
}

/** A row of {@link DatabaseScorecardStore.entityResults}' union. */
interface EntityResultRow {
  part: 'result' | 'change';
  scorecard: string;
  level: string | null;
  level_index: number | string | null;
  rules: string | null;
  at: number | string;
}

/**
 * Adds a level change to its scorecard's list (rows oldest first): of the
 * changes before `since`, only the last is kept, as the window's start.
 */
function addLevelChange(
  history: Map<string, LevelChange[]>,
  row: Pick<EntityResultRow, 'scorecard' | 'level' | 'level_index' | 'at'>,
  since: number,
) {
  const list = history.get(row.scorecard) ?? [];
  if (Number(row.at) < since) list.length = 0;
  list.push({
    level: row.level ?? '',
    levelIndex: row.level_index === null ? -1 : Number(row.level_index),
    at: new Date(Number(row.at)).toISOString(),
  });
  history.set(row.scorecard, list);
}

function toRow(result: StoredResult): ResultRow {
  return {
    scorecard: result.scorecard,
    entity_ref: result.entityRef,
    level: result.level,
    level_index: result.levelIndex,
    rules: JSON.stringify(result.rules),
    facets: JSON.stringify(result.facets),
    hash: result.hash,
    evaluated_at: result.evaluatedAt,
  };
}

interface ExemptionRow {
  id: string;
  scorecard: string;
  rule: string;
  entity_ref: string;
  until: number | string;
  reason: string;
  granted_by: string;
  created_at: number | string;
  revoked_at: number | string | null;
  revoked_by: string | null;
}

function toExemption(row: ExemptionRow): Exemption {
  return {
    id: row.id,
    scorecard: row.scorecard,
    rule: row.rule,
    entityRef: row.entity_ref,
    until: new Date(Number(row.until)).toISOString(),
    reason: row.reason,
    grantedBy: row.granted_by,
    createdAt: new Date(Number(row.created_at)).toISOString(),
  };
}

/** {@link ScorecardStore} on the plugin's database (SQLite, PostgreSQL). */
export class DatabaseScorecardStore implements ScorecardStore {
  /**
   * Connects to the plugin's database and brings its tables up to date,
   * unless migrations are switched off for the plugin.
   */
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseScorecardStore> {
    const db = await migrateDatabase({
      database: options.database,
      packageName: '@plinth/plugin-scorecards-backend',
    });
    return new DatabaseScorecardStore(db);
  }

  private constructor(private readonly db: Knex) {}

  // --- Definitions and campaigns saved through the API.

  listDefinitions(): Promise<SavedDefinition[]> {
    return this.listSaved('scorecard_definitions');
  }

  saveDefinition(
    identifier: string,
    definition: unknown,
    by: string,
  ): Promise<void> {
    return this.save('scorecard_definitions', identifier, definition, by);
  }

  deleteDefinition(identifier: string): Promise<boolean> {
    return this.deleteSaved('scorecard_definitions', identifier);
  }

  listCampaigns(): Promise<SavedDefinition[]> {
    return this.listSaved('scorecard_campaigns');
  }

  saveCampaign(
    identifier: string,
    definition: unknown,
    by: string,
  ): Promise<void> {
    return this.save('scorecard_campaigns', identifier, definition, by);
  }

  deleteCampaign(identifier: string): Promise<boolean> {
    return this.deleteSaved('scorecard_campaigns', identifier);
  }

  // --- Results.

  /** The stored results of these entities on a scorecard, by ref. */
  async getResults(
    scorecard: string,
    refs: string[],
  ): Promise<Map<string, StoredResult>> {
    const result = new Map<string, StoredResult>();
    for (const chunk of chunks([...new Set(refs)], IN_CHUNK)) {
      const rows = await this.db<ResultRow>('scorecard_results')
        .where('scorecard', scorecard)
        .whereIn('entity_ref', chunk);
      for (const row of rows) result.set(row.entity_ref, toResult(row));
    }
    return result;
  }

  async entitiesEvaluatedSince(since: number) {
    const rows: Array<{ entity_ref: string; at: number | string }> =
      await this.db('scorecard_results')
        .where('evaluated_at', '>=', since)
        .select('entity_ref')
        .max('evaluated_at as at')
        .groupBy('entity_ref');
    return rows.map(r => ({
      entityRef: r.entity_ref,
      evaluatedAt: Number(r.at),
    }));
  }

  /** Every result of one entity. */
  async entityResults(
    entityRef: string,
    historySince: number,
  ): Promise<EntityResults> {
    // One round trip for the card: its results, then its level changes.
    const rows: EntityResultRow[] = await this.db
      .select(
        this.db.raw("'result' as part"),
        'scorecard',
        'level',
        'level_index',
        'rules',
        'evaluated_at as at',
      )
      .from('scorecard_results')
      .where('entity_ref', entityRef)
      .unionAll(query =>
        query
          .select(
            this.db.raw("'change' as part"),
            'scorecard',
            'level',
            'level_index',
            this.db.raw('null as rules'),
            'at',
          )
          .from('scorecard_level_history')
          .where('entity_ref', entityRef),
      )
      .orderBy([{ column: 'part', order: 'desc' }, 'scorecard', 'at']);
    const results: EntityResults['results'] = [];
    const history = new Map<string, LevelChange[]>();
    for (const row of rows) {
      if (row.part === 'result') {
        results.push({
          scorecard: row.scorecard,
          level: row.level ?? '',
          levelIndex: Number(row.level_index),
          rules: JSON.parse(row.rules ?? '[]'),
          evaluatedAt: Number(row.at),
        });
      } else {
        addLevelChange(history, row, historySince);
      }
    }
    return { results, history };
  }

  /** Every result of one scorecard. */
  async resultsOf(scorecard: string): Promise<StoredResult[]> {
    const rows = await this.db<ResultRow>('scorecard_results')
      .where('scorecard', scorecard)
      .orderBy('entity_ref');
    return rows.map(toResult);
  }

  /** The entity refs with a result on a scorecard. */
  async refsOf(scorecard: string): Promise<string[]> {
    const rows = await this.db<ResultRow>('scorecard_results')
      .where('scorecard', scorecard)
      .select('entity_ref');
    return rows.map(r => r.entity_ref);
  }

  /**
   * Writes results that changed, in one transaction: the current results,
   * a history row for each level change, and today's distribution adjusted
   * by the difference.
   */
  async writeChanges(
    scorecard: string,
    changes: ResultChange[],
    now: number,
  ): Promise<void> {
    if (changes.length === 0) return;
    await this.db.transaction(async tx => {
      const upserts = changes.flatMap(c => (c.next ? [toRow(c.next)] : []));
      for (const chunk of chunks(upserts, ROW_CHUNK)) {
        await tx('scorecard_results')
          .insert(chunk)
          .onConflict(['scorecard', 'entity_ref'])
          .merge();
      }
      const removed = changes.filter(c => !c.next).map(c => c.entityRef);
      for (const chunk of chunks(removed, IN_CHUNK)) {
        await tx('scorecard_results')
          .where('scorecard', scorecard)
          .whereIn('entity_ref', chunk)
          .delete();
      }

      const history = changes
        .filter(c => c.previous?.level !== c.next?.level)
        .map(c => ({
          scorecard,
          entity_ref: c.entityRef,
          level: c.next?.level ?? null,
          level_index: c.next?.levelIndex ?? null,
          at: now,
        }));
      for (const chunk of chunks(history, ROW_CHUNK)) {
        await tx('scorecard_level_history').insert(chunk);
      }

      const today = dayOf(now);
      const [latest] = await tx('scorecard_daily')
        .where('scorecard', scorecard)
        .where('day', '<=', today)
        .orderBy('day', 'desc')
        .limit(1);
      const distribution: LevelDistribution = latest
        ? JSON.parse(latest.distribution)
        : emptyDistribution();
      for (const change of changes) {
        if (change.previous) {
          applyToDistribution(distribution, change.previous, -1);
        }
        if (change.next) applyToDistribution(distribution, change.next, 1);
      }
      await tx('scorecard_daily')
        .insert({
          scorecard,
          day: today,
          distribution: JSON.stringify(distribution),
        })
        .onConflict(['scorecard', 'day'])
        .merge();
    });
  }

  /** Forgets the results of a scorecard that is gone (its history stays). */
  async deleteResultsOf(scorecard: string): Promise<void> {
    await this.db.transaction(async tx => {
      await tx('scorecard_results').where('scorecard', scorecard).delete();
      await tx('scorecard_state').where('scorecard', scorecard).delete();
    });
  }

  /** The scorecards with stored results. */
  async scorecardsWithResults(): Promise<string[]> {
    const rows = await this.db('scorecard_results').distinct('scorecard');
    return rows.map(r => r.scorecard);
  }

  // --- History.

  async levelChangesOf(
    scorecard: string,
    until: number,
  ): Promise<Array<{ entityRef: string; level: string | null; at: number }>> {
    const rows = await this.db('scorecard_level_history')
      .where('scorecard', scorecard)
      .where('at', '<', until)
      .orderBy([{ column: 'at' }, { column: 'entity_ref' }])
      .select('entity_ref', 'level', 'at');
    return rows.map(r => ({
      entityRef: r.entity_ref,
      level: r.level ?? null,
      at: Number(r.at),
    }));
  }

  /** A scorecard's daily distributions from `fromDay` to `toDay`, oldest first. */
  async daily(
    scorecard: string,
    fromDay: string,
    toDay: string,
  ): Promise<Array<LevelDistribution & { day: string }>> {
    const rows = await this.db('scorecard_daily')
      .where('scorecard', scorecard)
      .whereBetween('day', [fromDay, toDay])
      .orderBy('day');
    return rows.map(r => ({ day: r.day, ...JSON.parse(r.distribution) }));
  }

  // --- Exemptions.

  async addExemption(
    exemption: Omit<Exemption, 'id' | 'createdAt'>,
    now: number,
  ): Promise<Exemption> {
    const row: ExemptionRow = {
      id: randomUUID(),
      scorecard: exemption.scorecard,
      rule: exemption.rule,
      entity_ref: exemption.entityRef,
      until: Date.parse(exemption.until),
      reason: exemption.reason,
      granted_by: exemption.grantedBy,
      created_at: now,
      revoked_at: null,
      revoked_by: null,
    };
    await this.db('scorecard_exemptions').insert(row);
    return toExemption(row);
  }

  /** Revokes an exemption; answers it, or undefined when there is none. */
  async revokeExemption(
    id: string,
    by: string,
    now: number,
  ): Promise<Exemption | undefined> {
    const [row] = await this.db<ExemptionRow>('scorecard_exemptions')
      .where({ id })
      .whereNull('revoked_at');
    if (!row) return undefined;
    await this.db('scorecard_exemptions')
      .where({ id })
      .update({ revoked_at: now, revoked_by: by });
    return toExemption(row);
  }

  /** Exemptions in force at `now`, optionally of one entity or scorecard. */
  async activeExemptions(
    filter: { entityRefs?: string[]; scorecard?: string },
    now: number,
  ): Promise<Exemption[]> {
    const query = () => {
      let q = this.db<ExemptionRow>('scorecard_exemptions')
        .whereNull('revoked_at')
        .where('until', '>', now);
      if (filter.scorecard) q = q.where('scorecard', filter.scorecard);
      return q;
    };
    if (!filter.entityRefs) return (await query()).map(toExemption);
    const found: Exemption[] = [];
    for (const chunk of chunks([...new Set(filter.entityRefs)], IN_CHUNK)) {
      found.push(
        ...(await query().whereIn('entity_ref', chunk)).map(toExemption),
      );
    }
    return found;
  }

  // --- The queue of entities to evaluate again.

  async enqueue(refs: string[], at = Date.now()): Promise<void> {
    for (const chunk of chunks([...new Set(refs)], ROW_CHUNK)) {
      // A ref queued again gets a later time, so that a run that read it
      // before does not take it off the queue.
      await this.db('scorecard_queue')
        .insert(chunk.map(entity_ref => ({ entity_ref, queued_at: at })))
        .onConflict('entity_ref')
        .merge({
          queued_at: this.db.raw(
            'CASE WHEN excluded.queued_at > scorecard_queue.queued_at THEN excluded.queued_at ELSE scorecard_queue.queued_at + 1 END',
          ),
        });
    }
  }

  async peekQueue(limit: number): Promise<QueuedEntity[]> {
    const rows = await this.db('scorecard_queue')
      .orderBy('queued_at')
      .limit(limit);
    return rows.map(r => ({
      entityRef: r.entity_ref,
      queuedAt: Number(r.queued_at),
    }));
  }

  async dequeue(items: QueuedEntity[]): Promise<void> {
    for (const item of items) {
      await this.db('scorecard_queue')
        .where({ entity_ref: item.entityRef })
        .where('queued_at', '<=', item.queuedAt)
        .delete();
    }
  }

  // --- Full evaluations.

  /** The fingerprint each scorecard was last evaluated in full with. */
  async fingerprints(): Promise<
    Map<string, { fingerprint: string; evaluatedAt: number }>
  > {
    const rows = await this.db('scorecard_state').select();
    return new Map(
      rows.map(r => [
        r.scorecard,
        { fingerprint: r.fingerprint, evaluatedAt: Number(r.evaluated_at) },
      ]),
    );
  }

  /** Makes scorecards due for a full evaluation (all when none are named). */
  async resetFingerprints(scorecards?: string[]): Promise<void> {
    const query = this.db('scorecard_state');
    await (scorecards
      ? query.whereIn('scorecard', scorecards)
      : query
    ).delete();
  }

  async setFingerprint(
    scorecard: string,
    fingerprint: string,
    at: number,
  ): Promise<void> {
    await this.db('scorecard_state')
      .insert({ scorecard, fingerprint, evaluated_at: at })
      .onConflict('scorecard')
      .merge();
  }

  // --- Helpers.

  private async listSaved(table: string): Promise<SavedDefinition[]> {
    const rows = await this.db(table).orderBy('identifier');
    return rows.map(r => ({
      identifier: r.identifier,
      definition: JSON.parse(r.definition),
      updatedBy: r.updated_by,
      updatedAt: new Date(r.updated_at).toISOString(),
    }));
  }

  private async save(
    table: string,
    identifier: string,
    definition: unknown,
    by: string,
  ): Promise<void> {
    await this.db(table)
      .insert({
        identifier,
        definition: JSON.stringify(definition),
        updated_by: by,
        updated_at: new Date(),
      })
      .onConflict('identifier')
      .merge();
  }

  private async deleteSaved(table: string, identifier: string) {
    return (await this.db(table).where({ identifier }).delete()) > 0;
  }
}
