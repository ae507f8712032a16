import { mockCredentials } from '@backstage/backend-test-utils';
import {
  eventually,
  readiness,
  startScorecardsBackend,
} from '../__testUtils__/backend';

jest.setTimeout(90_000);

const api = (path: string) => `/api/scorecards${path}`;

describe('the scorecards API', () => {
  it('levels entities from files and catalog Scorecard entities, and explains each rule', async () => {
    const { client, stop } = await startScorecardsBackend({
      scorecardFiles: { 'readiness.json': readiness },
      extraEntities: [
        {
          apiVersion: 'plinth.dev/v1alpha1',
          kind: 'Scorecard',
          metadata: { name: 'ownership', title: 'Ownership' },
          spec: {
            blueprint: 'Service',
            levels: [
              { title: 'Unowned', color: 'red' },
              { title: 'Owned', color: 'green' },
            ],
            rules: [
              {
                identifier: 'team',
                level: 'Owned',
                query: {
                  combinator: 'and',
                  conditions: [{ property: '$team', operator: 'isNotEmpty' }],
                },
              },
            ],
          },
        },
      ],
    });
    try {
      const list = await client.get(api('/scorecards'));
      expect(list.status).toBe(200);
      expect(
        list.body.items.map((i: any) => [
          i.scorecard.identifier,
          i.origin,
          i.source,
        ]),
      ).toEqual([
        ['readiness', 'file', expect.stringMatching(/readiness\.json$/)],
        ['ownership', 'catalog', 'scorecard:default/ownership'],
      ]);
      expect(list.body.problems).toEqual([]);

      const cart = await eventually(
        () => client.get(api('/entity/service/default/cart')),
        r => r.body.items?.length === 2,
      );
      expect(cart.status).toBe(200);
      const [ownership, ready] = cart.body.items;
      expect(ownership).toMatchObject({ level: 'Owned', levelIndex: 1 });
      expect(ready).toMatchObject({
        scorecard: {
          identifier: 'readiness',
          title: 'Production readiness',
          levels: [
            { title: 'Basic' },
            { title: 'Bronze' },
            { title: 'Silver' },
            { title: 'Gold' },
          ],
        },
        level: 'Gold',
        levelIndex: 3,
        history: [{ level: 'Gold', levelIndex: 3, at: expect.any(String) }],
      });

      const pay = await eventually(
        () => client.get(api('/entity/service/default/pay')),
        r => r.body.items?.length === 2,
      );
      expect(pay.body.items[1]).toMatchObject({
        level: 'Bronze',
        rules: [
          { rule: 'owned', status: 'passed', actual: ['pay-team'] },
          {
            rule: 'documented',
            status: 'failed',
            actual: null,
            reason: 'readme has no value, needs a value',
          },
          {
            rule: 'tested',
            status: 'failed',
            actual: 30,
            reason: 'Test coverage is 30, needs at least 80',
          },
        ],
      });

      const summary = await client.get(
        api('/scorecards/readiness/summary?groupBy=team'),
      );
      expect(summary.status).toBe(200);
      expect(summary.body.overall).toEqual({
        total: 3,
        levels: { Gold: 1, Bronze: 1, Basic: 1 },
        passing: { owned: 2, documented: 1, tested: 1 },
      });
      expect(summary.body.groups.map((g: any) => [g.group, g.total])).toEqual([
        ['(none)', 1],
        ['cart-team', 1],
        ['pay-team', 1],
      ]);

      // The system and domain come through the blueprints' relations.
      const results = await client.get(
        api('/scorecards/readiness/results?domain=orders'),
      );
      expect(results.status).toBe(200);
      expect(results.body.items).toEqual([
        {
          entityRef: 'service:default/cart',
          title: 'Cart',
          teams: ['cart-team'],
          system: 'shop',
          domain: 'orders',
          level: 'Gold',
          levelIndex: 3,
          rules: { owned: 'passed', documented: 'passed', tested: 'passed' },
        },
        expect.objectContaining({ entityRef: 'service:default/pay' }),
      ]);

      const history = await client.get(api('/scorecards/readiness/history'));
      expect(history.status).toBe(200);
      expect(history.body.days.at(-1)).toMatchObject({
        total: 3,
        levels: { Gold: 1, Bronze: 1, Basic: 1 },
      });
    } finally {
      await stop();
    }
  });

  it('grants an exemption that lifts the level, audited, and re-evaluates on request', async () => {
    const { client, stop } = await startScorecardsBackend({
      scorecardFiles: { 'readiness.json': readiness },
      config: {
        campaigns: [
          {
            identifier: 'docs',
            title: 'Document every service',
            deadline: '2027-03-31',
            target: 0.5,
            rules: [{ scorecard: 'readiness', rule: 'documented' }],
          },
        ],
      },
    });
    try {
      await eventually(
        () => client.get(api('/entity/service/default/pay')),
        r => r.body.items?.length === 1,
      );
      const inAMonth = new Date(Date.now() + 30 * 86_400_000).toISOString();
      // An exemption names an entity of the catalog, and ends within a year.
      for (const [field, value, message] of [
        [
          'entityRef',
          '1970-01-01T00:00:00Z',
          'body entityRef: must be an entity ref, kind:namespace/name (such as component:default/cart-service)',
        ],
        [
          'entityRef',
          'service:default/nowhere',
          'body entityRef: there is no entity service:default/nowhere in the catalog that you can see',
        ],
        [
          'until',
          '9999-12-31T23:59:59Z',
          'body until: must be at most 365 days ahead',
        ],
      ]) {
        const refused = await client.post(api('/exemptions')).send({
          scorecard: 'readiness',
          rule: 'documented',
          entityRef: 'service:default/pay',
          until: inAMonth,
          reason: 'Docs move to the new portal in Q1',
          [field]: value,
        });
        expect(refused.status).toBe(400);
        expect(refused.body.error.message).toContain(message);
      }
      expect((await client.get(api('/exemptions'))).body.items).toEqual([]);
      const granted = await client.post(api('/exemptions')).send({
        scorecard: 'readiness',
        rule: 'documented',
        entityRef: 'service:default/pay',
        until: inAMonth,
        reason: 'Docs move to the new portal in Q1',
      });
      expect(granted.status).toBe(201);
      expect(granted.body).toMatchObject({
        rule: 'documented',
        grantedBy: 'user:default/mock',
      });
      const pay = await eventually(
        () => client.get(api('/entity/service/default/pay')),
        r => r.body.items?.[0]?.level === 'Silver',
      );
      expect(pay.body.items[0].rules[1]).toMatchObject({
        status: 'exempt',
        exemptUntil: inAMonth,
      });

      const campaign = await client.get(api('/campaigns/docs'));
      expect(campaign.status).toBe(200);
      expect(campaign.body).toMatchObject({
        progress: { passing: 2, total: 3 },
        done: true,
        rules: [
          { rule: 'documented', title: 'Has a readme', passing: 2, total: 3 },
        ],
      });
      expect(
        campaign.body.teams.map((t: any) => [t.team, t.passing, t.total]),
      ).toEqual([
        ['(none)', 0, 1],
        ['cart-team', 1, 1],
        ['pay-team', 1, 1],
      ]);
      // The entity still failing, its owner (none) and the rule it fails.
      expect(campaign.body.failing).toEqual([
        {
          entityRef: 'service:default/legacy',
          title: 'legacy',
          teams: [],
          rules: [
            {
              scorecard: 'readiness',
              rule: 'documented',
              title: 'Has a readme',
              reason: expect.any(String),
            },
          ],
        },
      ]);

      const revoked = await client.delete(
        api(`/exemptions/${granted.body.id}`),
      );
      expect(revoked.status).toBe(204);
      await eventually(
        () => client.get(api('/entity/service/default/pay')),
        r => r.body.items?.[0]?.level === 'Bronze',
      );
      // Without its exemption, Pay fails the campaign again, by its title.
      const again = await client.get(api('/campaigns/docs'));
      expect(
        again.body.failing.map((e: any) => [e.title, e.teams, e.rules.length]),
      ).toEqual([
        ['legacy', [], 1],
        ['Pay', ['pay-team'], 1],
      ]);

      const evaluate = await client.post(api('/evaluate')).send({});
      expect(evaluate.status).toBe(202);
      expect(evaluate.body).toEqual({
        scorecards: ['readiness'],
        entityRefs: 0,
      });
    } finally {
      await stop();
    }
  });

  it('keeps entity cards, yet shows what this replica writes at once and hides them from callers who may not see the entity', async () => {
    const { client, stop } = await startScorecardsBackend({
      scorecardFiles: { 'readiness.json': readiness },
      // Kept for an hour: only this replica's invalidation can show a change.
      config: { cardCache: { ttl: { hours: 1 } } },
      hide: {
        from: 'user:default/outsider',
        entityRefs: ['service:default/pay'],
      },
    });
    const outsider = mockCredentials.user.header('user:default/outsider');
    const card = () => client.get(api('/entity/service/default/pay'));
    try {
      const bronze = await eventually(
        card,
        r => r.body.items?.[0]?.level === 'Bronze',
      );
      expect(bronze.headers['content-type']).toBe(
        'application/json; charset=utf-8',
      );
      expect(bronze.body.entityRef).toBe('service:default/pay');
      expect((await card()).text).toBe(bronze.text);

      // The card is kept; the outsider, whom the catalog hides it from,
      // gets none of it.
      const hidden = await client
        .get(api('/entity/service/default/pay'))
        .set('Authorization', outsider);
      expect([hidden.status, hidden.body]).toEqual([
        200,
        { entityRef: 'service:default/pay', items: [] },
      ]);

      // An exemption is evaluated on this replica: its result shows at once.
      const granted = await client.post(api('/exemptions')).send({
        scorecard: 'readiness',
        rule: 'documented',
        entityRef: 'service:default/pay',
        until: new Date(Date.now() + 30 * 86_400_000).toISOString(),
        reason: 'Docs move to the new portal in Q1',
      });
      expect(granted.status).toBe(201);
      const silver = await eventually(
        card,
        r => r.body.items?.[0]?.level === 'Silver',
      );
      expect(silver.body.items[0].level).toBe('Silver');

      // A scorecard saved or deleted through the API shows at once, even
      // when no result changes (a new title).
      const quality = {
        ...readiness,
        identifier: 'quality',
        title: 'Quality',
      };
      expect((await client.post(api('/scorecards')).send(quality)).status).toBe(
        201,
      );
      await eventually(card, r => r.body.items?.length === 2);
      expect(
        (
          await client
            .post(api('/scorecards'))
            .send({ ...quality, title: 'Quality bar' })
        ).status,
      ).toBe(200);
      expect(
        (await card()).body.items.map((i: any) => i.scorecard.title),
      ).toEqual(['Quality bar', 'Production readiness']);
      expect((await client.delete(api('/scorecards/quality'))).status).toBe(
        204,
      );
      expect(
        (await card()).body.items.map((i: any) => i.scorecard.identifier),
      ).toEqual(['readiness']);
    } finally {
      await stop();
    }
  });

  it('answers 400 with the problems of a bad definition, and takes a good one', async () => {
    const { client, stop } = await startScorecardsBackend({});
    try {
      const bad = await client.post(api('/scorecards')).send({
        identifier: 'bad',
        blueprint: 'Nothing',
        rules: [
          { identifier: 'r', query: { combinator: 'and', conditions: [] } },
        ],
      });
      expect(bad.status).toBe(400);
      expect(bad.body.error.problems).toEqual([
        {
          source: 'request body',
          pointer: '/blueprint',
          message:
            'no blueprint "Nothing"; known blueprints: Domain, Service, System',
          entity: 'Scorecard:bad',
        },
        {
          source: 'request body',
          pointer: '/rules/0',
          message: 'rule has no "level"; expected one of Bronze, Silver, Gold',
          entity: 'Scorecard:bad',
        },
      ]);

      // A list, even of one scorecard, is not a scorecard.
      for (const body of [[], [readiness]]) {
        const list = await client.post(api('/scorecards')).send(body);
        expect(list.status).toBe(400);
        expect(list.body.error.message).toBe('body: must be a JSON object');
      }
      expect(
        (await client.get(api('/scorecards'))).body.items.map(
          (i: { scorecard: { identifier: string } }) => i.scorecard.identifier,
        ),
      ).not.toContain('readiness');

      const created = await client.post(api('/scorecards')).send(readiness);
      expect(created.status).toBe(201);
      const cart = await eventually(
        () => client.get(api('/entity/service/default/cart')),
        r => r.body.items?.length === 1,
      );
      expect(cart.body.items[0].level).toBe('Gold');
      expect((await client.delete(api('/scorecards/readiness'))).status).toBe(
        204,
      );
      expect((await client.delete(api('/scorecards/readiness'))).status).toBe(
        404,
      );

      const badQuery = await client.get(
        api('/scorecards/readiness/summary?groupBy=color'),
      );
      expect(badQuery.status).toBe(400);
      expect(badQuery.body.error.message).toBe(
        'query groupBy: must be team, system, domain or property:<key>',
      );
      expect(
        (await client.get(api('/scorecards/nothing/summary'))).status,
      ).toBe(404);
      const badExemption = await client.post(api('/exemptions')).send({
        scorecard: 'readiness',
        rule: 'documented',
        entityRef: 'not a ref',
        until: 'tomorrow',
        reason: '',
      });
      expect(badExemption.status).toBe(400);
      expect(badExemption.body.error.message).toBe(
        [
          'body entityRef: must be an entity ref, kind:namespace/name (such as component:default/cart-service)',
          'body until: must be an ISO 8601 date',
          'body reason: must say why',
        ].join('\n'),
      );
    } finally {
      await stop();
    }
  });

  it('answers 401 without credentials and 403 to changes the policy denies', async () => {
    const { client, stop } = await startScorecardsBackend({
      scorecardFiles: { 'readiness.json': readiness },
      deny: true,
    });
    try {
      const none = mockCredentials.none.header();
      expect(
        (await client.get(api('/scorecards')).set('Authorization', none))
          .status,
      ).toBe(401);
      expect((await client.get(api('/scorecards'))).status).toBe(200);
      for (const [method, path, body] of [
        ['post', '/scorecards', readiness],
        ['delete', '/scorecards/readiness', undefined],
        ['post', '/evaluate', {}],
        ['post', '/exemptions', {}],
        ['delete', '/exemptions/x', undefined],
        ['post', '/campaigns', {}],
        ['delete', '/campaigns/x', undefined],
      ] as const) {
        const res = await (client as any)[method](api(path)).send(body);
        expect([path, res.status]).toEqual([path, 403]);
        expect(res.body.error.name).toBe('NotAllowedError');
      }
    } finally {
      await stop();
    }
  });
});
