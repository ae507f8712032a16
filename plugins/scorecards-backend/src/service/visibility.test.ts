import { mockCredentials } from '@backstage/backend-test-utils';
import {
  eventually,
  readiness,
  startScorecardsBackend,
} from '../__testUtils__/backend';

jest.setTimeout(90_000);

const api = (path: string) => `/api/scorecards${path}`;
const PAY = 'service:default/pay';
const outsider = mockCredentials.user.header('user:default/outsider');

describe('what the scorecards API shows a caller the catalog hides an entity from', () => {
  it('leaves the entity out of every read route, and refuses an exemption for it', async () => {
    const { client, stop } = await startScorecardsBackend({
      scorecardFiles: { 'readiness.json': readiness },
      config: {
        campaigns: [
          {
            identifier: 'docs',
            title: 'Document every service',
            deadline: '2027-03-31',
            rules: [{ scorecard: 'readiness', rule: 'documented' }],
          },
        ],
      },
      hide: { from: 'user:default/outsider', entityRefs: [PAY] },
    });
    try {
      const results = await eventually(
        () => client.get(api('/scorecards/readiness/results')),
        r => r.body.items?.length === 3,
      );
      expect(results.body.items).toHaveLength(3);
      const inAMonth = new Date(Date.now() + 30 * 86_400_000).toISOString();
      const granted = await client.post(api('/exemptions')).send({
        scorecard: 'readiness',
        rule: 'documented',
        entityRef: PAY,
        until: inAMonth,
        reason: 'Docs move to the new portal in Q1',
      });
      expect([granted.status, granted.body.error?.message]).toEqual([
        201,
        undefined,
      ]);

      const asOutsider = (path: string) =>
        client.get(api(path)).set('Authorization', outsider);
      const everyone = (path: string) => client.get(api(path));

      // The entity's own card.
      expect(
        (await everyone('/entity/service/default/pay')).body.items,
      ).toHaveLength(1);
      expect(
        (await asOutsider('/entity/service/default/pay')).body.items,
      ).toEqual([]);

      // The heat map.
      const refsOf = (body: any) => body.items.map((r: any) => r.entityRef);
      expect(
        refsOf((await everyone('/scorecards/readiness/results')).body),
      ).toContain(PAY);
      expect(
        refsOf((await asOutsider('/scorecards/readiness/results')).body),
      ).not.toContain(PAY);

      // The summary: two entities, and no group of the hidden one's team.
      const summary = (
        await asOutsider('/scorecards/readiness/summary?groupBy=team')
      ).body;
      expect(
        (await everyone('/scorecards/readiness/summary')).body.overall.total,
      ).toBe(3);
      expect(summary.overall.total).toBe(2);
      expect(summary.groups.map((g: any) => g.group)).not.toContain('pay-team');

      // The history: today's levels of the two it may see.
      const days = (body: any) => body.days as Array<{ total: number }>;
      const all = days((await everyone('/scorecards/readiness/history')).body);
      const seen = days(
        (await asOutsider('/scorecards/readiness/history')).body,
      );
      expect(all[all.length - 1].total).toBe(3);
      expect(seen[seen.length - 1].total).toBe(2);

      // The exemptions.
      expect((await everyone('/exemptions')).body.items).toHaveLength(1);
      expect((await asOutsider('/exemptions')).body.items).toEqual([]);

      // The campaigns.
      const progress = (body: any) => body.progress.total;
      expect(progress((await everyone('/campaigns/docs')).body)).toBe(3);
      expect(progress((await asOutsider('/campaigns/docs')).body)).toBe(2);
      expect((await asOutsider('/campaigns')).body.items.map(progress)).toEqual(
        [2],
      );
      expect(
        (await asOutsider('/campaigns/docs')).body.teams.map(
          (t: any) => t.team,
        ),
      ).not.toContain('pay-team');

      // An exemption for an entity it cannot see is refused like an unknown one.
      const refused = await client
        .post(api('/exemptions'))
        .set('Authorization', outsider)
        .send({
          scorecard: 'readiness',
          rule: 'tested',
          entityRef: PAY,
          until: inAMonth,
          reason: 'Coverage comes with the rewrite',
        });
      expect(refused.status).toBe(400);
      expect(refused.body.error.message).toBe(
        `body entityRef: there is no entity ${PAY} in the catalog that you can see`,
      );
    } finally {
      await stop();
    }
  });
});
