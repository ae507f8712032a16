import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import type { CatalogVisibility } from '@plinth/backend-utils';
import type { EntityScorecard } from '@plinth/plugin-scorecards-common';
import { EntityCardCache } from './EntityCardCache';
import type { ScorecardQueries } from './ScorecardQueries';
import {
  ScorecardsService,
  ScorecardsServiceOptions,
} from './ScorecardsService';

const PAY = 'service:default/pay';
const outsider = mockCredentials.user('user:default/outsider');
const member = mockCredentials.user('user:default/member');

/** A catalog that hides `service:default/pay` from the outsider. */
const visibility: CatalogVisibility = {
  async forCaller(credentials: BackstageCredentials) {
    const hidden =
      (credentials.principal as { userEntityRef?: string }).userEntityRef ===
      'user:default/outsider';
    const visible = async (refs: readonly string[]) =>
      new Set(refs.filter(ref => !hidden || ref !== PAY));
    return {
      all: !hidden,
      visible,
      filter: async (items, refOf) => {
        const seen = await visible(items.map(refOf));
        return items.filter(item => seen.has(refOf(item)));
      },
    };
  },
};

function card(level: string): EntityScorecard {
  return {
    scorecard: {
      identifier: 'readiness',
      title: 'Production readiness',
      blueprint: 'Service',
      levels: [],
      rules: [],
    },
    level,
    levelIndex: 1,
    rules: [],
    evaluatedAt: '2026-12-07T00:00:00.000Z',
    history: [],
  };
}

function serviceWith(cardCache: EntityCardCache) {
  let stored = [card('Bronze')];
  const entityScorecards = jest.fn(async () => stored);
  const service = new ScorecardsService({
    queries: { entityScorecards } as Partial<ScorecardQueries>,
    cardCache,
    visibility,
    exemptionMaxMs: 0,
  } as Partial<ScorecardsServiceOptions> as ScorecardsServiceOptions);
  return {
    service,
    entityScorecards,
    write: (level: string) => {
      stored = [card(level)];
    },
  };
}

describe('ScorecardsService.entityScorecards', () => {
  it('answers what res.json answered: the ref, normalized, and the items', async () => {
    const { service } = serviceWith(new EntityCardCache({ ttlMs: 5_000 }));
    const body = await service.entityScorecards('Service:default/Pay', member);
    expect(JSON.parse(body)).toEqual({
      entityRef: PAY,
      items: [card('Bronze')],
    });
    expect(body).toBe(
      JSON.stringify({ entityRef: PAY, items: [card('Bronze')] }),
    );
  });

  it('serves a kept card only to callers who may see its entity, deciding on every request', async () => {
    const { service, entityScorecards } = serviceWith(
      new EntityCardCache({ ttlMs: 3_600_000 }),
    );
    await service.entityScorecards(PAY, member);
    await service.entityScorecards(PAY, member);
    expect(entityScorecards).toHaveBeenCalledTimes(1);

    // The card is kept, and still the outsider gets none of it.
    expect(await service.entityScorecards(PAY, outsider)).toBe(
      `{"entityRef":"${PAY}","items":[]}`,
    );
    expect(entityScorecards).toHaveBeenCalledTimes(1);
    expect(
      JSON.parse(await service.entityScorecards(PAY, member)).items,
    ).toHaveLength(1);
  });

  it('shows a result written on this replica at once', async () => {
    const cardCache = new EntityCardCache({ ttlMs: 3_600_000 });
    const { service, write } = serviceWith(cardCache);
    const levelOf = async () =>
      JSON.parse(await service.entityScorecards(PAY, member)).items[0].level;
    expect(await levelOf()).toBe('Bronze');
    write('Silver');
    expect(await levelOf()).toBe('Bronze');
    // What the evaluator says once it has written (see plugin.ts).
    cardCache.invalidate([PAY]);
    expect(await levelOf()).toBe('Silver');
  });
});
