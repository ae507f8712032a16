import type { DoraEvent } from '@plinth/plugin-dora-common';

/** How a demo service delivers: what its year of history looks like. */
interface DeliveryProfile {
  entity: string;
  /**
   * Chance of a production deployment on a working day; or, with
   * `everyDays`, a deployment on a fixed cadence instead.
   */
  deployChance: number;
  /**
   * Deploy every this many days (on the days whose epoch day number is a
   * multiple of it, plus `cadenceOffset`), whatever the chance: a steady
   * cadence keeps the service's tier the same whatever day the demo starts.
   */
  everyDays?: number;
  cadenceOffset?: number;
  /** Chance of a second one the same day. */
  secondDeployChance: number;
  /** Chance that a deployment fails. */
  failureChance: number;
  /** Chance that a successful deployment still causes an incident. */
  incidentChance: number;
  /** Hours from a change to its deployment, lowest and highest. */
  leadHours: [number, number];
  /** Hours to resolve an incident, lowest and highest. */
  recoveryHours: [number, number];
}

/**
 * The seed's two services and a library, one of each team: Cart Service
 * (cart-team) deploys most working days with short lead times (high on the
 * DORA scorecard), Products Service (products-team) every other Wednesday
 * with long lead times and more failures (medium). Both hold whatever day
 * the demo starts (the tests check a year of start days). Core Payment
 * Library (platform-team) releases every Monday.
 */
const PROFILES: DeliveryProfile[] = [
  {
    entity: 'component:default/cartservice',
    deployChance: 0.85,
    secondDeployChance: 0.3,
    failureChance: 0.04,
    incidentChance: 0.02,
    leadHours: [1, 30],
    recoveryHours: [0.25, 3],
  },
  {
    entity: 'component:default/productsservice',
    deployChance: 1,
    // Epoch day 6 (1970-01-07) was a Wednesday.
    everyDays: 14,
    cadenceOffset: 6,
    secondDeployChance: 0,
    failureChance: 0.18,
    incidentChance: 0.06,
    leadHours: [30, 500],
    recoveryHours: [5, 80],
  },
  {
    entity: 'component:default/corepaymentlibrary',
    deployChance: 1,
    // Epoch day 4 (1970-01-05) was a Monday.
    everyDays: 7,
    cadenceOffset: 4,
    secondDeployChance: 0,
    failureChance: 0.08,
    incidentChance: 0.03,
    leadHours: [12, 120],
    recoveryHours: [1, 10],
  },
];

/** The catalog refs of the services the demo history is about. */
export const DEMO_SERVICES = PROFILES.map(p => p.entity);

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** A small seeded generator (mulberry32): the same day gives the same events. */
function randomFor(seed: string): () => number {
  let h = 1779033703 ^ seed.length;
  for (let i = 0; i < seed.length; i++) {
    h = Math.imul(h ^ seed.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  let a = h >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const between = (r: () => number, [low, high]: [number, number]) =>
  low + r() * (high - low);
const iso = (time: number) => new Date(time).toISOString();

/** One service's events of one UTC day. */
function dayOf(profile: DeliveryProfile, day: number): DoraEvent[] {
  const date = iso(day).slice(0, 10);
  const r = randomFor(`${profile.entity}:${date}`);
  const weekday = new Date(day).getUTCDay();
  if (profile.everyDays !== undefined) {
    const epochDay = Math.round(day / DAY);
    if (epochDay % profile.everyDays !== (profile.cadenceOffset ?? 0)) {
      return [];
    }
  } else if (weekday === 0 || weekday === 6 || r() > profile.deployChance) {
    return [];
  }
  const name = profile.entity.split('/')[1];
  const count = r() < profile.secondDeployChance ? 2 : 1;
  const events: DoraEvent[] = [];
  for (let n = 1; n <= count; n++) {
    const id = `${name}-${date}-${n}`;
    const finishedAt = day + (9 + n * 3 + r() * 2) * HOUR;
    const changes = Array.from({ length: 1 + Math.floor(r() * 3) }, (_, i) => {
      const change: DoraEvent = {
        type: 'change',
        id: `${id}-c${i + 1}`,
        entity: profile.entity,
        createdAt: iso(finishedAt - between(r, profile.leadHours) * HOUR),
      };
      return change;
    });
    events.push(...changes);
    const failed = r() < profile.failureChance;
    events.push({
      type: 'deployment',
      id,
      entity: profile.entity,
      environment: 'production',
      status: failed ? 'failure' : 'success',
      startedAt: iso(finishedAt - (10 + r() * 20) * 60_000),
      finishedAt: iso(finishedAt),
      changes: changes.map(c => c.id),
      rework: false,
    });
    if (failed || r() < profile.incidentChance) {
      const createdAt = finishedAt + (5 + r() * 40) * 60_000;
      const resolvedAt = createdAt + between(r, profile.recoveryHours) * HOUR;
      events.push({
        type: 'incident',
        id: `${id}-inc`,
        entity: profile.entity,
        createdAt: iso(createdAt),
        resolvedAt: iso(resolvedAt),
        causedBy: id,
      });
      // The fix: a hotfix deployment once the incident is resolved.
      events.push({
        type: 'deployment',
        id: `${id}-hotfix`,
        entity: profile.entity,
        environment: 'production',
        status: 'success',
        startedAt: iso(resolvedAt - 15 * 60_000),
        finishedAt: iso(resolvedAt),
        changes: [],
        rework: true,
      });
    }
  }
  return events;
}

/**
 * A year of realistic delivery history for the seed's services, up to the
 * day before `now`: changes, production deployments (some failing, some
 * hotfixes) and incidents. Deterministic: a day's events are the same on
 * every run, so loading them again changes nothing.
 */
export function generateDoraHistory(now: number, days = 365): DoraEvent[] {
  const today = Math.floor(now / DAY) * DAY;
  const events: DoraEvent[] = [];
  for (let day = today - days * DAY; day < today; day += DAY) {
    for (const profile of PROFILES) events.push(...dayOf(profile, day));
  }
  return events;
}
