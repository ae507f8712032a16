/*
 * DORA metrics at scale.
 *
 *   npm run bench [-- N]      (N deployments, 1,000,000 by default)
 *
 * 1,000 services (in 200 systems of 20 domains, owned by 50 teams) and a
 * year of history: N deployments (80 % to production, 85 % successful, 5 %
 * rework), each with 1 to 3 changes made up to a week before (10 % of
 * deployments ship again a change of the service's previous deployment), 3 %
 * of the successful production deployments causing an incident, and a few
 * incidents of no known cause; about 3 N events in all, in time order.
 *
 * For SQLite (a temporary file) and PostgreSQL (a database
 * plinth_dora_bench, created and dropped; the server of
 * BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING, or
 * postgresql://postgres@127.0.0.1:5432) it prints:
 *   - ingestion of the whole history through the service (validation,
 *     idempotent upsert, first-success and caused-incident bookkeeping,
 *     entity facets) in batches of 5,000 events (target >= 20,000 events/s);
 *   - the five keys over the last 90 days grouped per service (target
 *     < 1 s on PostgreSQL, < 3 s on SQLite), and a few other groupings, for
 *     a caller who sees every service (the catalog's answer costs nothing
 *     here), and per service for one who may not see one of them (the
 *     queries restricted to the 999 others);
 *   - ingestion of 100,000 more events through HTTP on loopback
 *     (POST /api/dora/events, 2 clients, batches of 5,000).
 *
 * BENCH_EXPLAIN=1 also prints PostgreSQL's plans of the three metric queries;
 * BENCH_QUERIES=1 where the database time of the ingestion went, by statement.
 * BENCH_ONLY=sqlite or BENCH_ONLY=pg runs one database; BENCH_KEEP=1 keeps
 * the PostgreSQL database, to look into.
 */
import { LoggerService } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import type { DoraEntityFacets, DoraEvent } from '@plinth/plugin-dora-common';
import express from 'express';
import knexFactory, { Knex } from 'knex';
import { mkdtempSync, rmSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseDoraStore } from '../src/database/DatabaseDoraStore';
import { DoraMetricsService } from '../src/service/DoraMetricsService';
import { createDoraRouter } from '../src/service/router';

const N = Number(process.argv.find(a => /^\d+$/.test(a)) ?? 1_000_000);
const SERVICES = 1_000;
const TEAMS = 50;
const SYSTEMS = 200;
const DOMAINS = 20;
const BATCH = 5_000;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const END = Date.parse('2026-11-27T00:00:00Z');
const START = END - 365 * DAY;
const PG_DATABASE = 'plinth_dora_bench';

/** Warnings and errors to the console; the rest is quiet. */
const logger: LoggerService = {
  error: message => console.error(message),
  warn: message => console.warn(message),
  info: () => {},
  debug: () => {},
  child: () => logger,
};

/** mulberry32, so that every run has the same history. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const entityOf = (service: number) => `component:default/service-${service}`;

function facets(): Map<string, DoraEntityFacets> {
  const result = new Map<string, DoraEntityFacets>();
  for (let s = 0; s < SERVICES; s++) {
    const system = s % SYSTEMS;
    result.set(entityOf(s), {
      teams: [`group:default/team-${s % TEAMS}`],
      system: `system:default/system-${system}`,
      domain: `domain:default/domain-${system % DOMAINS}`,
    });
  }
  return result;
}

/** The history, in time order, from deployment `first` to `last`. */
function* history(
  first: number,
  last: number,
  prefix = '',
): Generator<DoraEvent> {
  const r = random(42 + first);
  const step = (END - START) / N;
  const previousChange = new Map<number, string>();
  let changeSeq = 0;
  let incidentSeq = 0;
  const iso = (ms: number) => new Date(Math.round(ms)).toISOString();
  for (let i = first; i < last; i++) {
    const finished = START + i * step + r() * step;
    const service = Math.floor(r() * SERVICES);
    const entity = entityOf(service);
    const changes: string[] = [];
    const count = 1 + Math.floor(r() * 3);
    for (let j = 0; j < count; j++) {
      const id = `${prefix}c${i}-${changeSeq++}`;
      changes.push(id);
      yield {
        type: 'change',
        id,
        entity,
        createdAt: iso(finished - HOUR / 2 - r() * r() * 168 * HOUR),
      };
    }
    const again = previousChange.get(service);
    if (again && r() < 0.1) changes.push(again);
    previousChange.set(service, changes[0]);
    const production = r() < 0.8;
    const success = r() < 0.85;
    const id = `${prefix}d${i}`;
    yield {
      type: 'deployment',
      id,
      entity,
      environment: production ? 'production' : 'staging',
      status: success ? 'success' : 'failure',
      startedAt: iso(finished - 5 * 60_000 - r() * 20 * 60_000),
      finishedAt: iso(finished),
      changes,
      rework: r() < 0.05,
    };
    if (production && success && r() < 0.03) {
      const created = finished + r() * 2 * HOUR;
      yield {
        type: 'incident',
        id: `${prefix}i${incidentSeq++}`,
        entity,
        createdAt: iso(created),
        resolvedAt: iso(created + HOUR / 2 + r() * 24 * HOUR),
        causedBy: id,
      };
    }
    if (r() < 0.005) {
      const created = finished + r() * 12 * HOUR;
      yield {
        type: 'incident',
        id: `${prefix}i${incidentSeq++}`,
        entity,
        createdAt: iso(created),
        resolvedAt: r() < 0.9 ? iso(created + r() * 8 * HOUR) : null,
        causedBy: null,
      };
    }
  }
}

function* batches<T>(items: Iterable<T>, size: number): Generator<T[]> {
  let batch: T[] = [];
  for (const item of items) {
    batch.push(item);
    if (batch.length === size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

const rate = (count: number, ms: number) =>
  Math.round(count / (ms / 1000)).toLocaleString('en-US');
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function time<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await fn();
  return [result, performance.now() - start];
}

/** The best and median of a few runs. */
async function repeat(fn: () => Promise<unknown>, runs = 5) {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push((await time(fn))[1]);
  times.sort((a, b) => a - b);
  return { best: times[0], median: times[Math.floor(runs / 2)] };
}

async function explain(knex: Knex) {
  // The three statements of one metrics call, as PostgreSQL runs them.
  const statements: Array<{ sql: string; bindings: unknown[] }> = [];
  const listener = (query: { sql: string; bindings: unknown[] }) =>
    statements.push(query);
  knex.on('query', listener);
  const store = await DatabaseDoraStore.create({
    database: mockServices.database({ knex, migrations: { skip: true } }),
    logger,
  });
  await store.totals({
    from: END - 90 * DAY,
    to: END,
    environment: 'production',
    groupBy: 'entity',
    filter: {},
  });
  knex.off('query', listener);
  const connection = await knex.client.acquireConnection();
  try {
    for (const { sql, bindings } of statements) {
      const plan = await connection.query(
        `EXPLAIN (ANALYZE, BUFFERS) ${sql}`,
        bindings,
      );
      console.log(plan.rows.map((r: any) => r['QUERY PLAN']).join('\n'));
    }
  } finally {
    await knex.client.releaseConnection(connection);
  }
}

/** Database time by statement (its first words), when BENCH_QUERIES is set. */
function profile(knex: Knex) {
  const started = new Map<string, number>();
  const totals = new Map<string, { count: number; ms: number }>();
  knex.on('query', (q: { __knexQueryUid: string }) =>
    started.set(q.__knexQueryUid, performance.now()),
  );
  knex.on('query-response', (_r: unknown, q: any) => {
    const key = q.sql.replace(/\s+/g, ' ').trim().slice(0, 90);
    const total = totals.get(key) ?? { count: 0, ms: 0 };
    total.count += 1;
    total.ms += performance.now() - (started.get(q.__knexQueryUid) ?? 0);
    started.delete(q.__knexQueryUid);
    totals.set(key, total);
  });
  return () => {
    for (const [key, { count, ms }] of [...totals].sort(
      (a, b) => b[1].ms - a[1].ms,
    )) {
      console.log(`  ${seconds(ms)} in ${count} × ${key}`);
    }
    knex.removeAllListeners('query');
    knex.removeAllListeners('query-response');
  };
}

async function run(label: string, knex: Knex) {
  const report = process.env.BENCH_QUERIES ? profile(knex) : undefined;
  const store = await DatabaseDoraStore.create({
    database: mockServices.database({ knex }),
    logger,
  });
  const catalog = facets();
  // A catalog that hides service-0 from the guest, and nothing from others.
  const guest = mockCredentials.user('user:default/guest');
  const service = new DoraMetricsService({
    store,
    logger,
    visibleEntities: async (refs, credentials) =>
      new Set(
        credentials === guest ? refs.filter(r => r !== entityOf(0)) : refs,
      ),
    resolveEntities: async refs =>
      new Map(
        refs.flatMap(ref =>
          catalog.has(ref) ? [[ref, catalog.get(ref)!]] : [],
        ),
      ),
    now: () => END,
  });

  let events = 0;
  let rejected = 0;
  const [, ingestMs] = await time(async () => {
    for (const batch of batches(history(0, N), BATCH)) {
      const result = await service.ingest(batch.map(value => ({ value })));
      events += batch.length;
      rejected += result.rejected.length;
    }
  });
  report?.();
  await store.analyze();
  console.log(
    `${label}: ingested ${events.toLocaleString(
      'en-US',
    )} events (${N.toLocaleString(
      'en-US',
    )} deployments) through the service in ${seconds(ingestMs)}: ${rate(
      events,
      ingestMs,
    )} events/s; ${rejected} rejected`,
  );

  const window = { from: END - 90 * DAY, to: END };
  const caller = { credentials: mockCredentials.user() };
  const [perServiceReport] = await time(() =>
    service.metrics({ ...window, groupBy: 'entity' }, caller),
  );
  const perService = await repeat(() =>
    service.metrics({ ...window, groupBy: 'entity' }, caller),
  );
  const sample = perServiceReport.groups[0];
  console.log(
    `${label}: five keys, last 90 days, per service (${
      perServiceReport.groups.length
    } groups): best ${seconds(perService.best)}, median ${seconds(
      perService.median,
    )}; e.g. ${sample.key}: ${JSON.stringify({
      ...sample.metrics,
      tiers: undefined,
    })}`,
  );
  const hidden = () =>
    service.metrics({ ...window, groupBy: 'entity' }, { credentials: guest });
  const [hiddenReport] = await time(hidden);
  const restricted = await repeat(hidden, 3);
  console.log(
    `${label}: five keys, last 90 days, per service, for a caller who may not see one (${
      hiddenReport.groups.length
    } groups): best ${seconds(restricted.best)}, median ${seconds(
      restricted.median,
    )}`,
  );
  for (const groupBy of ['none', 'team', 'domain'] as const) {
    const t = await repeat(
      () => service.metrics({ ...window, groupBy }, caller),
      3,
    );
    console.log(
      `${label}: five keys, last 90 days, groupBy=${groupBy}: best ${seconds(
        t.best,
      )}, median ${seconds(t.median)}`,
    );
  }
  const one = await repeat(
    () =>
      service.metrics(
        { ...window, groupBy: 'none', filter: { entityRef: entityOf(7) } },
        caller,
      ),
    3,
  );
  console.log(
    `${label}: five keys, last 90 days, one service: best ${seconds(
      one.best,
    )}, median ${seconds(one.median)}`,
  );
  const trends = await repeat(
    () =>
      service.trends(
        { from: END - 365 * DAY, to: END, bucket: 'week', groupBy: 'entity' },
        caller,
      ),
    3,
  );
  console.log(
    `${label}: weekly trends over the year, per service: best ${seconds(
      trends.best,
    )}, median ${seconds(trends.median)}`,
  );
  if (process.env.BENCH_EXPLAIN && knex.client.config.client === 'pg') {
    await explain(knex);
  }

  // HTTP on loopback: 100,000 more events, 2 clients.
  const router = await createDoraRouter({
    httpAuth: mockServices.httpAuth(),
    logger: mockServices.logger.mock(),
    permissions: mockServices.permissions(),
    service,
  });
  const app = express().use('/api/dora', router);
  const server = app.listen(0, '127.0.0.1');
  await new Promise(resolve => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  const bodies = [...batches(history(0, 33_000, 'http-'), BATCH)].map(b =>
    JSON.stringify(b),
  );
  const httpEvents = bodies.reduce(
    (sum, body) => sum + JSON.parse(body).length,
    0,
  );
  let next = 0;
  const [, httpMs] = await time(() =>
    Promise.all(
      [0, 1].map(async () => {
        while (next < bodies.length) {
          const body = bodies[next++];
          const res = await fetch(`http://127.0.0.1:${port}/api/dora/events`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body,
          });
          if (res.status !== 200) {
            throw new Error(`HTTP ${res.status}: ${await res.text()}`);
          }
          await res.json();
        }
      }),
    ),
  );
  server.close();
  console.log(
    `${label}: ingested ${httpEvents.toLocaleString(
      'en-US',
    )} more events through HTTP on loopback (2 clients, batches of ${BATCH}) in ${seconds(
      httpMs,
    )}: ${rate(httpEvents, httpMs)} events/s`,
  );
}

async function main() {
  console.log(
    `DORA bench: ${SERVICES} services, ${N.toLocaleString(
      'en-US',
    )} deployments over a year; ${cpus().length} cores (${cpus()[0]?.model})`,
  );
  const only = process.env.BENCH_ONLY;
  const dir = mkdtempSync(join(tmpdir(), 'plinth-dora-bench-'));
  const pg =
    process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ??
    'postgresql://postgres@127.0.0.1:5432';
  try {
    if (only !== 'pg') {
      const knex = knexFactory({
        client: 'better-sqlite3',
        connection: { filename: join(dir, 'dora.sqlite') },
        useNullAsDefault: true,
      });
      await run('SQLite (file)', knex);
      await knex.destroy();
    }
    if (only !== 'sqlite') {
      const admin = knexFactory({ client: 'pg', connection: pg });
      await admin.raw(`DROP DATABASE IF EXISTS ${PG_DATABASE}`);
      await admin.raw(`CREATE DATABASE ${PG_DATABASE}`);
      const knex = knexFactory({
        client: 'pg',
        connection: `${pg.replace(/\/$/, '')}/${PG_DATABASE}`,
      });
      try {
        await run('PostgreSQL 15', knex);
      } finally {
        await knex.destroy();
        if (!process.env.BENCH_KEEP) {
          await admin.raw(`DROP DATABASE IF EXISTS ${PG_DATABASE}`);
        }
        await admin.destroy();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
