import {
  DEFAULT_DORA_ENVIRONMENT,
  DORA_MEDIAN,
  DORA_P90,
  DoraPercentile,
  DoraSample,
  EMPTY_DORA_SAMPLE,
} from '@plinth/plugin-dora-common';
import { Knex } from 'knex';
import type { DoraTotalsByGroup, DoraTotalsQuery } from './DoraStore';

/** Only integers are written into the SQL text; everything else is bound. */
function integer(value: number): string {
  if (!Number.isSafeInteger(value)) {
    throw new Error(`not a safe integer: ${value}`);
  }
  return String(value);
}

/** Values per `IN (...)` list of {@link entityRefCondition} on MySQL. */
const IN_LIST = 500;

/**
 * `column` is one of `refs`, whatever their number, as one bound value:
 * `= ANY(?)` with an array on PostgreSQL, `IN (SELECT value FROM
 * json_each(?))` with a JSON array on SQLite (whose statements take at most
 * 32,766 bound values, and the recovery query names the list twice); `IN`
 * lists of 500 elsewhere; false for no refs.
 */
export function entityRefCondition(
  db: Knex,
  column: string,
  refs: string[],
): { sql: string; bindings: Knex.RawBinding[] } {
  if (refs.length === 0) return { sql: '1 = 0', bindings: [] };
  const client = String(db.client.config.client);
  if (client === 'pg') return { sql: `${column} = ANY(?)`, bindings: [refs] };
  if (client.includes('sqlite')) {
    return {
      sql: `${column} IN (SELECT value FROM json_each(?))`,
      bindings: [JSON.stringify(refs)],
    };
  }
  const lists: string[] = [];
  for (let i = 0; i < refs.length; i += IN_LIST) {
    const size = Math.min(IN_LIST, refs.length - i);
    lists.push(`${column} IN (${new Array(size).fill('?').join(', ')})`);
  }
  return { sql: `(${lists.join(' OR ')})`, bindings: refs };
}

/**
 * The SQL pieces that group and filter rows by their entity: the join that
 * brings the facet, the group key expression, the filter conditions (the
 * filter's, and the entities the caller may see).
 */
function grouping(
  db: Knex,
  query: DoraTotalsQuery,
  entityColumn: string,
  alias: string,
): {
  join: string;
  key: string | undefined;
  where: string;
  bindings: Knex.RawBinding[];
} {
  let join = '';
  let key: string | undefined;
  switch (query.groupBy) {
    case 'entity':
      key = entityColumn;
      break;
    case 'team':
      join = `LEFT JOIN dora_entity_teams ${alias} ON ${alias}.entity_ref = ${entityColumn}`;
      key = `${alias}.team`;
      break;
    case 'system':
    case 'domain':
      join = `LEFT JOIN dora_entities ${alias} ON ${alias}.entity_ref = ${entityColumn}`;
      key = `${alias}.${query.groupBy}_ref`;
      break;
    default:
      key = undefined;
  }
  const conditions: string[] = [];
  const bindings: Knex.RawBinding[] = [];
  if (query.entityRefs !== undefined) {
    const only = entityRefCondition(db, entityColumn, query.entityRefs);
    conditions.push(only.sql);
    bindings.push(...only.bindings);
  }
  const { entityRef, team, system, domain } = query.filter;
  if (entityRef !== undefined) {
    conditions.push(`${entityColumn} = ?`);
    bindings.push(entityRef);
  }
  if (team !== undefined) {
    conditions.push(
      `${entityColumn} IN (SELECT entity_ref FROM dora_entity_teams WHERE team = ?)`,
    );
    bindings.push(team);
  }
  if (system !== undefined) {
    conditions.push(
      `${entityColumn} IN (SELECT entity_ref FROM dora_entities WHERE system_ref = ?)`,
    );
    bindings.push(system);
  }
  if (domain !== undefined) {
    conditions.push(
      `${entityColumn} IN (SELECT entity_ref FROM dora_entities WHERE domain_ref = ?)`,
    );
    bindings.push(domain);
  }
  const where = conditions.map(c => ` AND ${c}`).join('');
  return { join, key, where, bindings };
}

/** The bucket index of a time column, as a CASE over the bucket ends. */
function bucketExpression(
  query: DoraTotalsQuery,
  column: string,
): string | undefined {
  const buckets = query.buckets;
  if (!buckets || buckets.length <= 1) return undefined;
  const cases = buckets
    .slice(0, -1)
    .map((b, i) => `WHEN ${column} < ${integer(b.end)} THEN ${i}`)
    .join(' ');
  return `CASE ${cases} ELSE ${buckets.length - 1} END`;
}

/**
 * The condition that keeps the ranks a percentile needs (see
 * doraPercentileRanks): for p = a/b, the ranks r with
 * (n - 1) a < r b < (n - 1) a + 2 b, i.e. floor(h) and ceil(h) of
 * h = 1 + (n - 1) p. Integer arithmetic on every database.
 */
function rankCondition(p: DoraPercentile): string {
  const a = integer(p.numerator);
  const b = integer(p.denominator);
  return `(rn * ${b} > (n - 1) * ${a} AND rn * ${b} < (n - 1) * ${a} + 2 * ${b})`;
}

const RANKS = [DORA_MEDIAN, DORA_P90].map(rankCondition).join(' OR ');

interface RankRow {
  grp: string | null;
  bkt: number | string;
  rn: number | string;
  n: number | string;
  v: number | string;
}

function toNumber(value: unknown): number {
  return value === null || value === undefined ? 0 : Number(value);
}

function samplesOf(
  rows: RankRow[],
): Map<string | null, Map<number, DoraSample>> {
  const values = new Map<
    string | null,
    Map<number, { count: number; ranks: Map<number, number> }>
  >();
  for (const row of rows) {
    const key = row.grp ?? null;
    const bucket = toNumber(row.bkt);
    let series = values.get(key);
    if (!series) {
      series = new Map();
      values.set(key, series);
    }
    let sample = series.get(bucket);
    if (!sample) {
      sample = { count: toNumber(row.n), ranks: new Map() };
      series.set(bucket, sample);
    }
    sample.ranks.set(toNumber(row.rn), toNumber(row.v));
  }
  const result = new Map<string | null, Map<number, DoraSample>>();
  for (const [key, series] of values) {
    const samples = new Map<number, DoraSample>();
    for (const [bucket, { count, ranks }] of series) {
      samples.set(bucket, {
        count,
        valueAt: rank => {
          const value = ranks.get(rank);
          if (value === undefined) throw new Error(`rank ${rank} not read`);
          return value;
        },
      });
    }
    result.set(key, samples);
  }
  return result;
}

function partition(...expressions: Array<string | undefined>): string {
  const parts = expressions.filter((e): e is string => e !== undefined);
  return parts.length > 0 ? `PARTITION BY ${parts.join(', ')} ` : '';
}

/**
 * Deployment counts per group and bucket: deployments, successes, distinct
 * days with a success, failures (failed or caused an incident), reworks.
 */
async function deploymentCounts(db: Knex, query: DoraTotalsQuery) {
  const g = grouping(db, query, 'd.entity_ref', 'g');
  const bucket = bucketExpression(query, 'd.finished_at');
  const groupBy = [g.key, bucket].filter(e => e !== undefined);
  const sql = `
    SELECT ${g.key ?? 'NULL'} AS grp, ${bucket ?? '0'} AS bkt,
      COUNT(*) AS deployments,
      SUM(CASE WHEN d.status = 'success' THEN 1 ELSE 0 END) AS successes,
      COUNT(DISTINCT CASE WHEN d.status = 'success' THEN d.finished_day END) AS days,
      SUM(CASE WHEN d.status = 'failure' OR d.caused_incident THEN 1 ELSE 0 END) AS failures,
      SUM(CASE WHEN d.rework THEN 1 ELSE 0 END) AS reworks
    FROM dora_deployments d ${g.join}
    WHERE d.environment = ? AND d.finished_at >= ? AND d.finished_at < ?${
      g.where
    }
    ${groupBy.length > 0 ? `GROUP BY ${groupBy.join(', ')}` : ''}`;
  return rowsOf(
    await db.raw(sql, [query.environment, query.from, query.to, ...g.bindings]),
  );
}

/** The ranks of the lead times the percentiles need, per group and bucket. */
async function leadTimeRanks(db: Knex, query: DoraTotalsQuery) {
  const g = grouping(db, query, 'l.entity_ref', 'g');
  const bucket = bucketExpression(query, 'l.deployed_at');
  const over = partition(g.key, bucket);
  const sql = `
    SELECT grp, bkt, rn, n, v FROM (
      SELECT ${g.key ?? 'NULL'} AS grp, ${bucket ?? '0'} AS bkt, l.lead_ms AS v,
        ROW_NUMBER() OVER (${over}ORDER BY l.lead_ms) AS rn,
        COUNT(*) OVER (${over.trim()}) AS n
      FROM dora_change_leads l ${g.join}
      WHERE l.environment = ? AND l.deployed_at >= ? AND l.deployed_at < ?${
        g.where
      }
    ) r
    WHERE ${RANKS}`;
  return rowsOf(
    await db.raw(sql, [query.environment, query.from, query.to, ...g.bindings]),
  ) as RankRow[];
}

/**
 * The ranks of the recovery times the median needs: resolved incidents
 * created in the window, and failed deployments that caused no incident
 * until the entity's next success in the environment.
 */
async function recoveryRanks(db: Knex, query: DoraTotalsQuery) {
  const gi = grouping(db, query, 'i.entity_ref', 'g');
  const gf = grouping(db, query, 'f.entity_ref', 'g');
  const bi = bucketExpression(query, 'i.created_at');
  const bf = bucketExpression(query, 'f.finished_at');
  const over = partition(
    gi.key === undefined ? undefined : 'u.grp',
    bi === undefined ? undefined : 'u.bkt',
  );
  // Failed deployments not yet followed by a success have a null time:
  // counted out by COUNT(v) and ranked last, rather than filtered, so that
  // PostgreSQL looks the next success up once per failed deployment.
  const sql = `
    SELECT grp, bkt, rn, n, v FROM (
      SELECT u.grp, u.bkt, u.v,
        ROW_NUMBER() OVER (${over}ORDER BY CASE WHEN u.v IS NULL THEN 1 ELSE 0 END, u.v) AS rn,
        COUNT(u.v) OVER (${over.trim()}) AS n
      FROM (
        SELECT ${gi.key ?? 'NULL'} AS grp, ${bi ?? '0'} AS bkt,
          i.resolved_at - i.created_at AS v
        FROM dora_incidents i ${gi.join}
        WHERE i.created_at >= ? AND i.created_at < ?
          AND i.resolved_at IS NOT NULL
          AND COALESCE(
            (SELECT cd.environment FROM dora_deployments cd WHERE cd.id = i.caused_by),
            ?
          ) = ?${gi.where}
        UNION ALL
        SELECT ${gf.key ?? 'NULL'} AS grp, ${bf ?? '0'} AS bkt,
          (SELECT MIN(s.finished_at) FROM dora_deployments s
            WHERE s.entity_ref = f.entity_ref AND s.environment = f.environment
              AND s.status = 'success' AND s.finished_at > f.finished_at
          ) - f.finished_at AS v
        FROM dora_deployments f ${gf.join}
        WHERE f.environment = ? AND f.finished_at >= ? AND f.finished_at < ?
          AND f.status = 'failure' AND NOT f.caused_incident${gf.where}
      ) u
    ) r
    WHERE n > 0 AND ${rankCondition(DORA_MEDIAN)}`;
  return rowsOf(
    await db.raw(sql, [
      query.from,
      query.to,
      DEFAULT_DORA_ENVIRONMENT,
      query.environment,
      ...gi.bindings,
      query.environment,
      query.from,
      query.to,
      ...gf.bindings,
    ]),
  ) as RankRow[];
}

/** The rows of a raw query, whatever the driver. */
function rowsOf(result: any): any[] {
  if (Array.isArray(result)) {
    // SQLite gives the rows; MySQL gives [rows, fields].
    return Array.isArray(result[0]) ? result[0] : result;
  }
  return result.rows;
}

/**
 * The totals of every group and bucket, computed in SQL: the same figures as
 * the in-memory reference of `computeDoraMetrics`, on SQLite, PostgreSQL and
 * MySQL. Three queries: deployment counts (one range scan of
 * `dora_deployments`), lead times (one range scan of `dora_change_leads`,
 * ranked by a window function), recovery times (incidents in the window, and
 * failed deployments with an index seek for the next success each). The
 * percentiles are read from the ranks they need only.
 */
export async function queryDoraTotals(
  db: Knex,
  query: DoraTotalsQuery,
): Promise<DoraTotalsByGroup> {
  const [counts, leads, recoveries] = await Promise.all([
    deploymentCounts(db, query),
    leadTimeRanks(db, query),
    recoveryRanks(db, query),
  ]);
  const leadSamples = samplesOf(leads);
  const recoverySamples = samplesOf(recoveries);

  const result: DoraTotalsByGroup = new Map();
  const totalsAt = (key: string | null, bucket: number) => {
    let series = result.get(key);
    if (!series) {
      series = new Map();
      result.set(key, series);
    }
    let totals = series.get(bucket);
    if (!totals) {
      totals = {
        deployments: 0,
        successfulDeployments: 0,
        deploymentDays: 0,
        failedDeployments: 0,
        reworkDeployments: 0,
        leadTimes: EMPTY_DORA_SAMPLE,
        recoveryTimes: EMPTY_DORA_SAMPLE,
      };
      series.set(bucket, totals);
    }
    return totals;
  };
  for (const row of counts) {
    const deployments = toNumber(row.deployments);
    if (deployments === 0) continue;
    const totals = totalsAt(row.grp ?? null, toNumber(row.bkt));
    totals.deployments = deployments;
    totals.successfulDeployments = toNumber(row.successes);
    totals.deploymentDays = toNumber(row.days);
    totals.failedDeployments = toNumber(row.failures);
    totals.reworkDeployments = toNumber(row.reworks);
  }
  for (const [key, series] of leadSamples) {
    for (const [bucket, sample] of series) {
      totalsAt(key, bucket).leadTimes = sample;
    }
  }
  for (const [key, series] of recoverySamples) {
    for (const [bucket, sample] of series) {
      totalsAt(key, bucket).recoveryTimes = sample;
    }
  }
  return result;
}
