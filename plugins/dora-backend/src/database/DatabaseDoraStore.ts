import { DatabaseService, LoggerService } from '@backstage/backend-plugin-api';
import {
  chunks,
  IN_CHUNK,
  migrateDatabase,
  ROW_CHUNK,
} from '@plinth/backend-utils';
import type {
  DoraChangeEvent,
  DoraDeploymentEvent,
  DoraDeploymentSummary,
  DoraEntityFacets,
  DoraEvent,
  DoraIncidentEvent,
} from '@plinth/plugin-dora-common';
import { Knex } from 'knex';
import { doraEventHash, doraEventKey } from '../lib/eventIdentity';
import { entityRefCondition, queryDoraTotals } from './doraQueries';
import type {
  DoraDeploymentsQuery,
  DoraStore,
  DoraTotalsByGroup,
  DoraTotalsQuery,
  DoraUpsertResult,
} from './DoraStore';

/** PostgreSQL advisory lock key that serialises ingestion across replicas. */
const INGEST_LOCK = 7_224_130_019;
const DAY_MS = 86_400_000;
/** Rows to write before the first ANALYZE of an empty database. */
const ANALYZE_MIN_ROWS = 20_000;
const DORA_TABLES = [
  'dora_changes',
  'dora_deployments',
  'dora_deployment_changes',
  'dora_incidents',
  'dora_change_leads',
  'dora_entities',
  'dora_entity_teams',
];

interface Row {
  event: DoraEvent;
  hash: string;
}

const TYPES = {
  dora_changes: 'change',
  dora_deployments: 'deployment',
  dora_incidents: 'incident',
} as const;

/**
 * {@link DoraStore} on the plugin's database (SQLite, PostgreSQL): the
 * metrics' totals are computed in SQL.
 */
export class DatabaseDoraStore implements DoraStore {
  /**
   * The store of the plugin's database; runs the package's migrations
   * unless the database service says to skip them.
   */
  static async create(options: {
    database: DatabaseService;
    logger: LoggerService;
  }): Promise<DatabaseDoraStore> {
    const db = await migrateDatabase({
      database: options.database,
      packageName: '@plinth/plugin-dora-backend',
    });
    return new DatabaseDoraStore(db, options.logger);
  }

  /** Rows in the tables at the last ANALYZE, as PostgreSQL estimates them. */
  private analyzedRows: number | undefined;
  /** Rows written since. */
  private pendingRows = 0;

  private constructor(
    private readonly db: Knex,
    private readonly logger: LoggerService,
  ) {}

  private get pg(): boolean {
    return this.db.client.config.client === 'pg';
  }

  /** Rows per multi-row insert, for rows of this many columns. */
  private rowChunk(columns: number): number {
    // PostgreSQL takes 65,535 parameters a statement.
    return this.pg ? Math.floor(30_000 / columns) : ROW_CHUNK;
  }

  /** Ids per lookup: one array parameter on PostgreSQL. */
  private get idChunk(): number {
    return this.pg ? 20_000 : IN_CHUNK;
  }

  /** `column IN (ids)`; `column = ANY(array)` on PostgreSQL. */
  private whereIdIn(query: Knex.QueryBuilder, column: string, ids: string[]) {
    return this.pg
      ? query.whereRaw('?? = ANY(?)', [column, ids])
      : query.whereIn(column, ids);
  }

  /**
   * Stores events (with their {@link doraEventHash} when known), in one
   * transaction: new ones are inserted, changed ones
   * replaced (the later wins), unchanged ones left alone, so that sending
   * the same events twice changes nothing. Of two events with the same key
   * in the batch, the later counts. Replicas ingest one at a time (an
   * advisory lock on PostgreSQL; SQLite writes one at a time anyway).
   */
  async upsertEvents(
    events: Array<{ event: DoraEvent; hash?: string }>,
  ): Promise<DoraUpsertResult> {
    const latest = new Map<string, Row>();
    for (const { event, hash } of events) {
      latest.set(doraEventKey(event), {
        event,
        hash: hash ?? doraEventHash(event),
      });
    }
    const rows = [...latest.values()];
    const result: DoraUpsertResult = {
      created: new Set(),
      updated: new Set(),
      unknownChanges: new Map(),
      unknownDeployments: new Map(),
    };
    if (rows.length === 0) return result;

    let written = 0;
    await this.db.transaction(async tx => {
      if (this.pg) {
        await tx.raw('SELECT pg_advisory_xact_lock(?)', [INGEST_LOCK]);
      }
      // The changes whose first successful deployments may have changed,
      // and the deployments whose caused_incident may have.
      const affectedChanges = new Set<string>();
      const affectedDeployments = new Set<string>();

      const changes = await this.changedRows(tx, 'dora_changes', rows, result);
      await this.upsertRows(
        tx,
        'dora_changes',
        changes.rows.map(({ event, hash }) => {
          const e = event as DoraChangeEvent;
          affectedChanges.add(e.id);
          return {
            id: e.id,
            entity_ref: e.entity,
            created_at: Date.parse(e.createdAt),
            hash,
          };
        }),
      );

      const incidents = await this.changedRows(
        tx,
        'dora_incidents',
        rows,
        result,
      );
      for (const chunk of chunks(incidents.replaced, this.idChunk)) {
        const old = await this.whereIdIn(
          tx('dora_incidents').whereNotNull('caused_by').select('caused_by'),
          'id',
          chunk,
        );
        for (const { caused_by } of old) affectedDeployments.add(caused_by);
      }
      await this.upsertRows(
        tx,
        'dora_incidents',
        incidents.rows.map(({ event, hash }) => {
          const e = event as DoraIncidentEvent;
          if (e.causedBy !== null) affectedDeployments.add(e.causedBy);
          return {
            id: e.id,
            entity_ref: e.entity,
            created_at: Date.parse(e.createdAt),
            resolved_at:
              e.resolvedAt === null ? null : Date.parse(e.resolvedAt),
            caused_by: e.causedBy,
            hash,
          };
        }),
      );

      const deployments = await this.changedRows(
        tx,
        'dora_deployments',
        rows,
        result,
      );
      for (const chunk of chunks(deployments.replaced, this.idChunk)) {
        const old = await this.whereIdIn(
          tx('dora_deployment_changes').select('change_id'),
          'deployment_id',
          chunk,
        );
        for (const { change_id } of old) affectedChanges.add(change_id);
        await this.whereIdIn(
          tx('dora_deployment_changes'),
          'deployment_id',
          chunk,
        ).delete();
      }
      // Incidents may come before the deployment that caused them.
      const ids = deployments.rows.map(r => r.event.id);
      const caused = await this.existing(
        tx,
        'dora_incidents',
        'caused_by',
        ids,
      );
      const links: Array<{ deployment_id: string; change_id: string }> = [];
      await this.upsertRows(
        tx,
        'dora_deployments',
        deployments.rows.map(({ event, hash }) => {
          const e = event as DoraDeploymentEvent;
          affectedDeployments.delete(e.id);
          for (const changeId of e.changes) {
            links.push({ deployment_id: e.id, change_id: changeId });
            affectedChanges.add(changeId);
          }
          const finished = Date.parse(e.finishedAt);
          return {
            id: e.id,
            entity_ref: e.entity,
            environment: e.environment,
            status: e.status,
            started_at: Date.parse(e.startedAt),
            finished_at: finished,
            finished_day: Math.floor(finished / DAY_MS),
            rework: e.rework,
            caused_incident: caused.has(e.id),
            hash,
          };
        }),
      );
      for (const chunk of chunks(links, this.rowChunk(2))) {
        await tx('dora_deployment_changes').insert(chunk);
      }
      // Every entity with events has a row, its facets unread (0) until the
      // service reads them: the entities a caller may see are checked
      // against these rows.
      const entities = new Set(
        [...changes.rows, ...incidents.rows, ...deployments.rows].map(
          r => r.event.entity,
        ),
      );
      for (const chunk of chunks([...entities], this.rowChunk(2))) {
        await tx('dora_entities')
          .insert(chunk.map(ref => ({ entity_ref: ref, refreshed_at: 0 })))
          .onConflict('entity_ref')
          .ignore();
      }

      await this.refreshCausedIncident(tx, [...affectedDeployments]);
      // A change stored for the first time has no first deployment yet.
      const fresh = new Set(
        changes.rows
          .map(r => r.event.id)
          .filter(id =>
            result.created.has(doraEventKey({ type: 'change', id })),
          ),
      );
      await this.refreshLeads(tx, [...affectedChanges], fresh);

      // What the stored events name and nobody sent.
      const batchChanges = new Set(
        rows.filter(r => r.event.type === 'change').map(r => r.event.id),
      );
      const named = new Set(links.map(l => l.change_id));
      const knownChanges = await this.existing(
        tx,
        'dora_changes',
        'id',
        [...named].filter(id => !batchChanges.has(id)),
      );
      for (const { event } of deployments.rows) {
        const unknown = (event as DoraDeploymentEvent).changes.filter(
          id => !batchChanges.has(id) && !knownChanges.has(id),
        );
        if (unknown.length > 0) result.unknownChanges.set(event.id, unknown);
      }
      const causes = incidents.rows
        .map(r => (r.event as DoraIncidentEvent).causedBy)
        .filter((id): id is string => id !== null);
      const knownDeployments = await this.existing(
        tx,
        'dora_deployments',
        'id',
        causes,
      );
      for (const { event } of incidents.rows) {
        const cause = (event as DoraIncidentEvent).causedBy;
        if (cause !== null && !knownDeployments.has(cause)) {
          result.unknownDeployments.set(event.id, cause);
        }
      }
      written = rows.length + links.length;
    });
    await this.analyzeWhenGrown(written);
    return result;
  }

  /**
   * Refreshes PostgreSQL's statistics of the tables once they have grown by
   * half since the last time: the ingestion's lookups need index plans, which
   * statistics of smaller tables do not give, and autovacuum may be off or
   * late during a large import.
   */
  private async analyzeWhenGrown(written: number): Promise<void> {
    if (!this.pg || written === 0) return;
    if (this.analyzedRows === undefined) {
      const { rows } = await this.db.raw(
        `SELECT COALESCE(SUM(GREATEST(reltuples, 0)), 0) AS n FROM pg_class WHERE relname IN (${DORA_TABLES.map(
          () => '?',
        ).join(', ')})`,
        DORA_TABLES,
      );
      this.analyzedRows = Number(rows[0].n);
    }
    this.pendingRows += written;
    if (this.pendingRows < Math.max(ANALYZE_MIN_ROWS, this.analyzedRows / 2)) {
      return;
    }
    this.analyzedRows += this.pendingRows;
    this.pendingRows = 0;
    await this.analyze();
  }

  /** Inserts rows, replacing those with the same id. */
  private async upsertRows(
    tx: Knex.Transaction,
    table: string,
    rows: Array<Record<string, unknown>>,
  ) {
    if (rows.length === 0) return;
    const size = this.rowChunk(Object.keys(rows[0]).length);
    for (const chunk of chunks(rows, size)) {
      await tx(table).insert(chunk).onConflict('id').merge();
    }
  }

  /**
   * The rows of a batch of a table's type that differ from what is stored,
   * recording which are new and which replace a stored event.
   */
  private async changedRows(
    tx: Knex.Transaction,
    table: 'dora_changes' | 'dora_deployments' | 'dora_incidents',
    batch: Row[],
    result: DoraUpsertResult,
  ): Promise<{ rows: Row[]; replaced: string[] }> {
    const type = TYPES[table];
    const rows = batch.filter(r => r.event.type === type);
    const stored = new Map<string, string>();
    for (const chunk of chunks(
      rows.map(r => r.event.id),
      this.idChunk,
    )) {
      const found = await this.whereIdIn(
        tx(table).select('id', 'hash'),
        'id',
        chunk,
      );
      for (const { id, hash } of found) stored.set(id, hash);
    }
    const changed: Row[] = [];
    const replaced: string[] = [];
    for (const row of rows) {
      const hash = stored.get(row.event.id);
      if (hash === row.hash) continue;
      changed.push(row);
      if (hash === undefined) {
        result.created.add(doraEventKey(row.event));
      } else {
        result.updated.add(doraEventKey(row.event));
        replaced.push(row.event.id);
      }
    }
    return { rows: changed, replaced };
  }

  /** Sets `caused_incident` of deployments from the incidents that name them. */
  private async refreshCausedIncident(tx: Knex.Transaction, ids: string[]) {
    for (const chunk of chunks(ids, this.idChunk)) {
      await this.whereIdIn(tx('dora_deployments'), 'id', chunk).update({
        caused_incident: tx.raw(
          'EXISTS (SELECT 1 FROM dora_incidents i WHERE i.caused_by = dora_deployments.id)',
        ),
      });
    }
  }

  /**
   * Computes again the first successful deployment of these changes, per
   * deployed entity and environment, among the deployments that finished
   * after the change was made.
   */
  private async refreshLeads(
    tx: Knex.Transaction,
    changeIds: string[],
    fresh: Set<string> = new Set(),
  ) {
    for (const chunk of chunks(changeIds, this.idChunk)) {
      const stale = chunk.filter(id => !fresh.has(id));
      if (stale.length > 0) {
        await this.whereIdIn(
          tx('dora_change_leads'),
          'change_id',
          stale,
        ).delete();
      }
      const condition = this.pg
        ? 'dc.change_id = ANY(?)'
        : `dc.change_id IN (${chunk.map(() => '?').join(', ')})`;
      await tx.raw(
        `INSERT INTO dora_change_leads
           (change_id, entity_ref, environment, deployed_at, lead_ms)
         SELECT dc.change_id, d.entity_ref, d.environment,
           MIN(d.finished_at), MIN(d.finished_at) - c.created_at
         FROM dora_deployment_changes dc
         JOIN dora_deployments d ON d.id = dc.deployment_id
         JOIN dora_changes c ON c.id = dc.change_id
         WHERE ${condition}
           AND d.status = 'success' AND d.finished_at >= c.created_at
         GROUP BY dc.change_id, d.entity_ref, d.environment, c.created_at`,
        this.pg ? [chunk] : chunk,
      );
    }
  }

  /** Which of these values a column of a table holds. */
  private async existing(
    tx: Knex.Transaction,
    table: string,
    column: string,
    values: string[],
  ): Promise<Set<string>> {
    const found = new Set<string>();
    for (const chunk of chunks([...new Set(values)], this.idChunk)) {
      const rows = await this.whereIdIn(
        tx(table).distinct(`${column} as value`),
        column,
        chunk,
      );
      for (const { value } of rows) found.add(value);
    }
    return found;
  }

  /** A stored incident, as an event. */
  async getIncident(id: string): Promise<DoraIncidentEvent | undefined> {
    const row = await this.db('dora_incidents').where('id', id).first();
    if (!row) return undefined;
    return {
      type: 'incident',
      id: row.id,
      entity: row.entity_ref,
      createdAt: new Date(Number(row.created_at)).toISOString(),
      resolvedAt:
        row.resolved_at === null
          ? null
          : new Date(Number(row.resolved_at)).toISOString(),
      causedBy: row.caused_by,
    };
  }

  /** A stored deployment, as an event with its changes. */
  async getDeployment(id: string): Promise<DoraDeploymentEvent | undefined> {
    const row = await this.db('dora_deployments').where('id', id).first();
    if (!row) return undefined;
    const links = await this.db('dora_deployment_changes')
      .where('deployment_id', id)
      .orderBy('change_id')
      .select('change_id');
    return {
      type: 'deployment',
      id: row.id,
      entity: row.entity_ref,
      environment: row.environment,
      status: row.status,
      startedAt: new Date(Number(row.started_at)).toISOString(),
      finishedAt: new Date(Number(row.finished_at)).toISOString(),
      changes: links.map(l => l.change_id),
      rework: Boolean(row.rework),
    };
  }

  /**
   * Computes again everything kept at ingest (first successful deployments,
   * caused incidents) from the events: after a bulk load, or to repair.
   */
  async rebuildDerived(): Promise<void> {
    await this.db.transaction(async tx => {
      if (tx.client.config.client === 'pg') {
        await tx.raw('SELECT pg_advisory_xact_lock(?)', [INGEST_LOCK]);
      }
      await tx('dora_deployments').update({
        caused_incident: tx.raw(
          'EXISTS (SELECT 1 FROM dora_incidents i WHERE i.caused_by = dora_deployments.id)',
        ),
      });
      await tx('dora_change_leads').delete();
      await tx.raw(`
        INSERT INTO dora_change_leads
          (change_id, entity_ref, environment, deployed_at, lead_ms)
        SELECT change_id, entity_ref, environment, deployed_at,
          deployed_at - created_at
        FROM (
          SELECT dc.change_id, d.entity_ref, d.environment, c.created_at,
            MIN(d.finished_at) AS deployed_at
          FROM dora_deployment_changes dc
          JOIN dora_deployments d ON d.id = dc.deployment_id
          JOIN dora_changes c ON c.id = dc.change_id
          WHERE d.status = 'success' AND d.finished_at >= c.created_at
          GROUP BY dc.change_id, d.entity_ref, d.environment, c.created_at
        ) firsts`);
    });
  }

  /**
   * Refreshes the database's statistics after a large load, so that query
   * plans fit (PostgreSQL; SQLite and MySQL plan fine without).
   */
  async analyze(): Promise<void> {
    if (this.db.client.config.client === 'pg') {
      await this.db.raw(`ANALYZE ${DORA_TABLES.join(', ')}`);
    }
  }

  /** The metric totals per group and bucket, computed in SQL. */
  async totals(query: DoraTotalsQuery): Promise<DoraTotalsByGroup> {
    if (query.entityRefs?.length === 0) return new Map();
    return queryDoraTotals(this.db, query);
  }

  /** Recent deployments, the latest first, with their changes and incidents. */
  async deployments(
    query: DoraDeploymentsQuery,
  ): Promise<DoraDeploymentSummary[]> {
    const q = this.db('dora_deployments').select(
      'id',
      'entity_ref',
      'environment',
      'status',
      'started_at',
      'finished_at',
      'rework',
      'caused_incident',
    );
    if (query.entityRefs !== undefined) {
      if (query.entityRefs.length === 0) return [];
      const only = entityRefCondition(this.db, 'entity_ref', query.entityRefs);
      q.whereRaw(only.sql, only.bindings);
    }
    if (query.entityRef !== undefined) q.where('entity_ref', query.entityRef);
    if (query.environment !== undefined) {
      q.where('environment', query.environment);
    }
    if (query.from !== undefined) q.where('finished_at', '>=', query.from);
    if (query.to !== undefined) q.where('finished_at', '<', query.to);
    const rows = await q
      .orderBy([
        { column: 'finished_at', order: 'desc' },
        { column: 'id', order: 'asc' },
      ])
      .limit(query.limit);
    const ids = rows.map(r => r.id as string);
    const changes = new Map<string, string[]>();
    const incidents = new Map<string, DoraDeploymentSummary['incidents']>();
    for (const chunk of chunks(ids, IN_CHUNK)) {
      const links = await this.db('dora_deployment_changes')
        .whereIn('deployment_id', chunk)
        .orderBy('change_id')
        .select('deployment_id', 'change_id');
      for (const link of links) {
        const list = changes.get(link.deployment_id) ?? [];
        list.push(link.change_id);
        changes.set(link.deployment_id, list);
      }
      const caused = await this.db('dora_incidents')
        .whereIn('caused_by', chunk)
        .orderBy([
          { column: 'created_at', order: 'asc' },
          { column: 'id', order: 'asc' },
        ])
        .select('id', 'caused_by', 'created_at', 'resolved_at');
      for (const incident of caused) {
        const list = incidents.get(incident.caused_by) ?? [];
        list.push({
          id: incident.id,
          createdAt: new Date(Number(incident.created_at)).toISOString(),
          resolvedAt:
            incident.resolved_at === null
              ? null
              : new Date(Number(incident.resolved_at)).toISOString(),
        });
        incidents.set(incident.caused_by, list);
      }
    }
    return rows.map(row => ({
      id: row.id,
      entityRef: row.entity_ref,
      environment: row.environment,
      status: row.status,
      startedAt: new Date(Number(row.started_at)).toISOString(),
      finishedAt: new Date(Number(row.finished_at)).toISOString(),
      rework: Boolean(row.rework),
      failed: row.status === 'failure' || Boolean(row.caused_incident),
      changes: changes.get(row.id) ?? [],
      incidents: incidents.get(row.id) ?? [],
    }));
  }

  /**
   * Of these entities, those whose facets were never read, or were read
   * before `staleBefore` (epoch milliseconds).
   */
  async entitiesToRefresh(
    refs: string[],
    staleBefore: number,
  ): Promise<string[]> {
    const fresh = new Set<string>();
    for (const chunk of chunks(refs, IN_CHUNK)) {
      const rows = await this.db('dora_entities')
        .whereIn('entity_ref', chunk)
        .where('refreshed_at', '>=', staleBefore)
        .where('refreshed_at', '>', 0)
        .select('entity_ref');
      for (const row of rows) fresh.add(row.entity_ref);
    }
    return refs.filter(ref => !fresh.has(ref));
  }

  /**
   * Every entity with DORA events, sorted (each has a row of
   * `dora_entities` from the transaction that stored its first event).
   */
  async listEntityRefs(): Promise<string[]> {
    const rows = await this.db('dora_entities')
      .orderBy('entity_ref')
      .select('entity_ref');
    return rows.map(r => r.entity_ref);
  }

  /**
   * Saves the facets of entities (those missing from the map have none).
   * Values longer than the columns are left out, with a warning.
   */
  async saveEntityFacets(
    refs: string[],
    facets: Map<string, DoraEntityFacets>,
    at: number,
  ): Promise<void> {
    const fits = (value: string | undefined, what: string, ref: string) => {
      if (value === undefined || value.length <= 255) return value ?? null;
      this.logger.warn(
        `DORA: the ${what} of ${ref} is longer than 255 characters and is left out`,
      );
      return null;
    };
    const unique = [...new Set(refs)];
    await this.db.transaction(async tx => {
      for (const chunk of chunks(unique, ROW_CHUNK)) {
        await tx('dora_entities')
          .insert(
            chunk.map(ref => ({
              entity_ref: ref,
              system_ref: fits(facets.get(ref)?.system, 'system', ref),
              domain_ref: fits(facets.get(ref)?.domain, 'domain', ref),
              refreshed_at: at,
            })),
          )
          .onConflict('entity_ref')
          .merge();
      }
      for (const chunk of chunks(unique, IN_CHUNK)) {
        await tx('dora_entity_teams').whereIn('entity_ref', chunk).delete();
      }
      const teams = unique.flatMap(ref =>
        [...new Set(facets.get(ref)?.teams ?? [])]
          .map(team => fits(team, 'team', ref))
          .filter((team): team is string => team !== null)
          .map(team => ({ entity_ref: ref, team })),
      );
      for (const chunk of chunks(teams, ROW_CHUNK)) {
        await tx('dora_entity_teams').insert(chunk);
      }
    });
  }

  /**
   * Records the id of a webhook delivery: true when it is new, false when
   * it was recorded before (one insert that ignores a conflict, so of two
   * concurrent calls exactly one is the first).
   */
  async recordDelivery(
    source: string,
    deliveryId: string,
    at: number,
  ): Promise<boolean> {
    const inserted = await this.db('dora_webhook_deliveries')
      .insert({ source, delivery_id: deliveryId, received_at: at })
      .onConflict(['source', 'delivery_id'])
      .ignore()
      .returning('delivery_id');
    return inserted.length > 0;
  }

  /** Forgets the id of a delivery, so that it is taken again. */
  async forgetDelivery(source: string, deliveryId: string): Promise<void> {
    await this.db('dora_webhook_deliveries')
      .where({ source, delivery_id: deliveryId })
      .delete();
  }

  /** Forgets the ids of the deliveries received before `before`. */
  async forgetDeliveriesBefore(before: number): Promise<number> {
    return this.db('dora_webhook_deliveries')
      .where('received_at', '<', before)
      .delete();
  }
}
