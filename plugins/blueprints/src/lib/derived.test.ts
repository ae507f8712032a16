import { environmentBlueprint, blueprints } from '../__testUtils__/fixtures';
import { describeAggregation, mirrorSchema } from './derived';

const byId = new Map(blueprints.map(b => [b.identifier, b]));

describe('describeAggregation', () => {
  it('says what an aggregation computes', () => {
    expect(
      describeAggregation(
        {
          target: 'Deployment',
          calculationSpec: { calculationBy: 'entities', func: 'count' },
          query: { combinator: 'and', rules: [] },
        },
        byId,
      ),
    ).toBe('count of Deployment entities matching its query');
    expect(
      describeAggregation({
        target: 'Deployment',
        calculationSpec: {
          calculationBy: 'property',
          func: 'average',
          property: 'durationMinutes',
          averageOf: 'week',
        },
      }),
    ).toBe('average of durationMinutes over Deployment entities per week');
  });
});

describe('mirrorSchema', () => {
  it('follows the relations of a mirror path to the property it ends in', () => {
    expect(
      mirrorSchema(byId, byId.get('Deployment')!, 'environment.type'),
    ).toBe(environmentBlueprint.schema.properties.type);
    expect(mirrorSchema(byId, environmentBlueprint, 'system.$title')).toEqual({
      type: 'string',
    });
    expect(mirrorSchema(byId, environmentBlueprint, 'nowhere.type')).toBe(
      undefined,
    );
  });
});
