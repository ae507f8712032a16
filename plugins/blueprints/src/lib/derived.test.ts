import { Blueprint } from '@plinth/plugin-blueprints-common';
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
    ).toBe('count of Deployment entities');
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

  it('says which entities it counts, in words and with titles', () => {
    const incidents = new Map<string, Blueprint>([
      [
        'Incident',
        {
          identifier: 'Incident',
          title: 'Incident',
          schema: {
            properties: {
              status: { type: 'string', title: 'Status' },
              severity: { type: 'string', title: 'Severity' },
            },
          },
        },
      ],
    ]);
    expect(
      describeAggregation(
        {
          target: 'Incident',
          calculationSpec: { calculationBy: 'entities', func: 'count' },
          pathFilter: [{ path: ['service'] }],
          query: {
            combinator: 'and',
            rules: [
              { property: 'status', operator: '=', value: 'open' },
              {
                property: 'severity',
                operator: 'in',
                value: ['high', 'critical'],
              },
            ],
          },
        },
        incidents,
      ),
    ).toBe(
      'count of Incident entities related through service where Status is open and Severity is one of high, critical',
    );
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
