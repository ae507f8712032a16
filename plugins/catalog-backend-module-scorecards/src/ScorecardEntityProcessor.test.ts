import { Entity } from '@backstage/catalog-model';
import { ScorecardEntityProcessor } from './ScorecardEntityProcessor';

const scorecard = (spec: Entity['spec']): Entity => ({
  apiVersion: 'plinth.dev/v1alpha1',
  kind: 'Scorecard',
  metadata: { name: 'readiness', title: 'Production readiness' },
  spec,
});

describe('ScorecardEntityProcessor', () => {
  const processor = new ScorecardEntityProcessor();

  it('accepts a Scorecard entity whose spec is a Port scorecard', async () => {
    await expect(
      processor.validateEntityKind(
        scorecard({
          blueprint: 'Component',
          rules: [
            {
              identifier: 'owned',
              level: 'Bronze',
              query: {
                combinator: 'and',
                conditions: [{ property: '$team', operator: 'isNotEmpty' }],
              },
            },
          ],
        }),
      ),
    ).resolves.toBe(true);
  });

  it('leaves other kinds to other processors', async () => {
    await expect(
      processor.validateEntityKind({
        ...scorecard({}),
        apiVersion: 'backstage.io/v1alpha1',
      }),
    ).resolves.toBe(false);
  });

  it('refuses a spec of the wrong shape, naming each problem', async () => {
    await expect(
      processor.validateEntityKind(
        scorecard({
          rules: [{ identifier: 'r', level: 'Platinum', query: {} }],
        }),
      ),
    ).rejects.toThrow(
      'scorecard:default/readiness is not a valid scorecard: /spec/blueprint: expected the identifier of a blueprint; /spec/rules/0/level: level "Platinum" is not one of the scorecard\'s levels (Basic, Bronze, Silver, Gold)',
    );
  });
});
