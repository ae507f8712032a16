import type { DoraEntityFacets, DoraEvent } from '@plinth/plugin-dora-common';

const H = 3_600_000;
/** Monday 4 March 2024, 00:00 UTC. */
export const T0 = Date.parse('2024-03-04T00:00:00Z');
export const at = (hours: number) => new Date(T0 + hours * H).toISOString();

export const CART = 'component:default/cart';
export const SHOP = 'component:default/shop';

export function change(
  id: string,
  createdHours: number,
  entity = CART,
): DoraEvent {
  return { type: 'change', id, entity, createdAt: at(createdHours) };
}

export function deployment(
  id: string,
  finishedHours: number,
  options: Partial<{
    status: 'success' | 'failure';
    changes: string[];
    rework: boolean;
    environment: string;
    entity: string;
  }> = {},
): DoraEvent {
  return {
    type: 'deployment',
    id,
    entity: options.entity ?? CART,
    environment: options.environment ?? 'production',
    status: options.status ?? 'success',
    startedAt: at(finishedHours - 0.25),
    finishedAt: at(finishedHours),
    changes: options.changes ?? [],
    rework: options.rework ?? false,
  };
}

export function incident(
  id: string,
  createdHours: number,
  resolvedHours: number | null,
  causedBy: string | null = null,
  entity = CART,
): DoraEvent {
  return {
    type: 'incident',
    id,
    entity,
    createdAt: at(createdHours),
    resolvedAt: resolvedHours === null ? null : at(resolvedHours),
    causedBy,
  };
}

/**
 * The hand-computed set of the common package's tests, over ten days from
 * T0: 5 deployments, 4 successful on 4 days, lead times 12 h, 24 h, 24 h,
 * 2 failed (one failure, one that caused an incident), recoveries 2 h, 6 h
 * and 25 h, one rework.
 */
export const handComputed: DoraEvent[] = [
  change('c1', 0),
  change('c2', 12),
  change('c3', 48),
  deployment('d1', 24, { changes: ['c1', 'c2'] }),
  deployment('d2', 72, { changes: ['c3', 'c1'] }),
  deployment('d3', 96, { status: 'failure' }),
  deployment('d4', 102, { rework: true }),
  deployment('d5', 144),
  incident('i1', 145, 147, 'd5'),
  incident('i2', -24, 5),
  incident('i3', 239, 264),
  incident('i4', 192, null),
];

/**
 * The edge cases of the common package's tests, each over ten days from T0
 * (see its compute.test.ts for the hand-computed figures).
 */
export const edgeCases: Record<string, DoraEvent[]> = {
  'an empty window': [
    change('c1', 300),
    deployment('d1', 310, { changes: ['c1'] }),
  ],
  'a change deployed twice': [
    change('c1', -48),
    deployment('d0', -40, { status: 'failure', changes: ['c1'] }),
    deployment('d1', -24, { changes: ['c1'] }),
    deployment('d2', 24, { changes: ['c1'] }),
    change('c2', 0),
    deployment('d3', 10, { status: 'failure', changes: ['c2'] }),
    deployment('d4', 30, { changes: ['c2'] }),
    deployment('d5', 50, { changes: ['c2'] }),
  ],
  'a change made after its deployment, and an unknown one': [
    change('late', 20),
    deployment('d1', 10, { changes: ['unknown', 'late'] }),
    deployment('d2', 30, { changes: ['late'] }),
  ],
  'an even count of lead times': [
    change('a', 0),
    change('b', 0),
    change('c', 0),
    change('d', 0),
    deployment('d1', 1, { changes: ['a'] }),
    deployment('d2', 2, { changes: ['b'] }),
    deployment('d3', 3, { changes: ['c'] }),
    deployment('d4', 4, { changes: ['d'] }),
  ],
  'failed deployments with no incident, recovered by the next success or not': [
    deployment('f1', 10, { status: 'failure' }),
    deployment('s-staging', 11, { environment: 'staging' }),
    deployment('s-shop', 12, { entity: SHOP }),
    deployment('s1', 14),
    deployment('f2', 20, { status: 'failure' }),
    deployment('f3', 30, { status: 'failure' }),
  ],
  'a failed deployment that caused an incident': [
    deployment('f1', 10, { status: 'failure' }),
    deployment('s1', 11),
    incident('i1', 10, 15, 'f1'),
  ],
  'incidents across the window edges': [
    incident('before', -2, 3),
    incident('inside', 1, 2),
    incident('across', 230, 250),
    incident('after', 240, 241),
  ],
  'incidents of staging and of unknown deployments': [
    deployment('p1', 10),
    deployment('s1', 10, { environment: 'staging', status: 'failure' }),
    deployment('s2', 12, { environment: 'staging' }),
    incident('i-staging', 11, 13, 's2'),
    incident('i-unknown', 11, 12, 'nowhere'),
  ],
};

/** A small, seeded pseudo-random generator (mulberry32). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const ENTITIES = [
  'component:default/a',
  'component:default/b',
  'component:default/c',
  'component:default/d',
];

/** Facets of the random entities: d is unknown to the catalog. */
export const FACETS = new Map<string, DoraEntityFacets>([
  [
    ENTITIES[0],
    {
      teams: ['group:default/t1'],
      system: 'system:default/s1',
      domain: 'domain:default/d1',
    },
  ],
  [
    ENTITIES[1],
    {
      teams: ['group:default/t1', 'group:default/t2'],
      system: 'system:default/s1',
      domain: 'domain:default/d1',
    },
  ],
  [ENTITIES[2], { teams: [], system: 'system:default/s2' }],
]);

/**
 * A random history over 40 days from T0 in ingestion order: changes (some
 * shipped twice, some unknown, some made after their deployment), deployments
 * in two environments with failures and reworks, incidents with and without
 * a cause (some unknown), times on whole minutes so that ties happen; then
 * re-sent events, some identical, some changed (the later wins).
 */
export function randomEvents(seed: number, size = 1): DoraEvent[] {
  const r = random(seed);
  const pick = <T>(items: T[]) => items[Math.floor(r() * items.length)];
  const minutes = (from: number, to: number) =>
    Math.floor(from * 60 + r() * (to - from) * 60) / 60;
  const events: DoraEvent[] = [];
  const changeIds: string[] = [];
  for (let i = 0; i < 60 * size; i++) {
    changeIds.push(`c${i}`);
    events.push(change(`c${i}`, minutes(-120, 900), pick(ENTITIES)));
  }
  const deploymentIds: string[] = [];
  for (let i = 0; i < 90 * size; i++) {
    const shipped = new Set<string>();
    const count = Math.floor(r() * 4);
    for (let j = 0; j < count; j++) {
      shipped.add(r() < 0.05 ? `unknown${i}` : pick(changeIds));
    }
    deploymentIds.push(`d${i}`);
    events.push(
      deployment(`d${i}`, minutes(-24, 960), {
        entity: pick(ENTITIES),
        environment: r() < 0.75 ? 'production' : 'staging',
        status: r() < 0.8 ? 'success' : 'failure',
        changes: [...shipped],
        rework: r() < 0.15,
      }),
    );
  }
  for (let i = 0; i < 30 * size; i++) {
    const created = minutes(-48, 960);
    const resolved = r() < 0.7 ? created + minutes(0, 40) : null;
    const cause = r();
    let causedBy: string | null = null;
    if (cause < 0.5) causedBy = pick(deploymentIds);
    else if (cause < 0.55) causedBy = 'd-unknown';
    events.push(incident(`i${i}`, created, resolved, causedBy, pick(ENTITIES)));
  }
  // Shuffle: changes after their deployments, incidents before theirs.
  for (let i = events.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [events[i], events[j]] = [events[j], events[i]];
  }
  // Re-sent events: identical, or changed.
  const resent: DoraEvent[] = [];
  for (let i = 0; i < 25 * size; i++) {
    const event = pick(events);
    if (r() < 0.3) {
      resent.push(event);
    } else if (event.type === 'deployment') {
      resent.push({
        ...event,
        status: event.status === 'success' ? 'failure' : 'success',
        changes: event.changes
          .slice(1)
          .concat(r() < 0.5 ? [pick(changeIds)] : []),
      });
    } else if (event.type === 'incident') {
      resent.push({
        ...event,
        resolvedAt: event.resolvedAt === null ? at(990) : null,
        causedBy: r() < 0.5 ? pick(deploymentIds) : null,
      });
    } else {
      resent.push({ ...event, createdAt: at(minutes(-120, 900)) });
    }
  }
  return [...events, ...resent];
}
