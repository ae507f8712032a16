import { EntityView } from '../derived/view';
import { evaluateRule, matchesQuery } from './evaluateQuery';
import { PortQueryRule } from './types';

const now = Date.parse('2026-11-27T12:00:00Z');
const service: EntityView = {
  blueprint: 'Component',
  identifier: 'cart-service',
  title: 'Cart Service',
  team: ['cart-team', 'sre'],
  updatedAt: '2026-11-25T08:00:00Z',
  properties: {
    language: 'typescript',
    tags: ['payments', 'tier-1'],
    coverage: 72.5,
    readme: '',
    lastIncidentAt: '2026-08-01T00:00:00Z',
  },
  relations: { system: 'cart', dependsOn: ['kafka', 'payment'] },
  derived: { openIncidents: 2 },
};

const passes = (rule: PortQueryRule) => evaluateRule(service, rule, now).passed;

describe('evaluateRule', () => {
  it.each<[PortQueryRule, boolean]>([
    [{ property: 'language', operator: '=', value: 'typescript' }, true],
    [{ property: 'language', operator: '!=', value: 'typescript' }, false],
    [{ property: 'coverage', operator: '>=', value: 70 }, true],
    [{ property: 'coverage', operator: '<', value: 70 }, false],
    [{ property: 'openIncidents', operator: '>', value: 1 }, true],
    [{ property: '$title', operator: 'beginsWith', value: 'Cart' }, true],
    [
      { property: '$title', operator: 'doesNotBeginsWith', value: 'Cart' },
      false,
    ],
    [
      { property: '$identifier', operator: 'endsWith', value: '-service' },
      true,
    ],
    [
      { property: '$identifier', operator: 'doesNotEndsWith', value: 'x' },
      true,
    ],
    [{ property: 'tags', operator: 'contains', value: 'tier-1' }, true],
    [{ property: 'language', operator: 'contains', value: 'script' }, true],
    [{ property: 'tags', operator: 'doesNotContains', value: 'tier-1' }, false],
    [
      { property: 'tags', operator: 'containsAny', value: ['x', 'payments'] },
      true,
    ],
    [
      { property: 'language', operator: 'in', value: ['go', 'typescript'] },
      true,
    ],
    [{ property: 'language', operator: 'notIn', value: ['go'] }, true],
    [{ property: '$team', operator: '=', value: 'sre' }, true],
    [{ property: 'readme', operator: 'isEmpty' }, true],
    [{ property: 'missing', operator: 'isEmpty' }, true],
    [{ property: 'tags', operator: 'isNotEmpty' }, true],
    [
      {
        property: '$updatedAt',
        operator: 'between',
        value: { preset: 'lastWeek' },
      },
      true,
    ],
    [
      {
        property: 'lastIncidentAt',
        operator: 'between',
        value: { preset: 'last3Months' },
      },
      false,
    ],
    [
      {
        property: 'lastIncidentAt',
        operator: 'notBetween',
        value: { preset: 'last3Months' },
      },
      true,
    ],
    [
      {
        property: 'lastIncidentAt',
        operator: 'between',
        value: { from: '2026-07-01T00:00:00Z', to: '2026-09-01T00:00:00Z' },
      },
      true,
    ],
    [
      { property: '$updatedAt', operator: '>', value: '2026-11-01T00:00:00Z' },
      true,
    ],
    [
      { property: 'language', operator: '=', value: 'typescript', not: true },
      false,
    ],
    [{ relation: 'system', operator: '=', value: 'cart' }, true],
    [{ relation: 'dependsOn', operator: 'in', value: ['payment'] }, true],
    [{ relation: 'dependsOn', operator: 'isEmpty' }, false],
    [{ relation: 'owner', operator: 'isEmpty' }, true],
  ])('%j → %s', (rule, expected) => {
    expect(passes(rule)).toBe(expected);
  });

  it('says why a rule failed, with the value it found', () => {
    expect(
      evaluateRule(
        service,
        { property: 'coverage', operator: '>=', value: 80 },
        now,
      ),
    ).toEqual({
      passed: false,
      actual: 72.5,
      reason: 'coverage is 72.5, needs at least 80',
    });
  });

  it('names properties and relations by their titles when told them', () => {
    const titles: Record<string, string> = {
      coverage: 'Test coverage',
      system: 'System',
    };
    const wording = { label: (name: string) => titles[name] };
    expect(
      evaluateRule(
        service,
        { property: 'coverage', operator: '>=', value: 80.123 },
        now,
        wording,
      ).reason,
    ).toBe('Test coverage is 72.5, needs at least 80.12');
    expect(
      evaluateRule(
        service,
        { relation: 'system', operator: 'isEmpty' },
        now,
        wording,
      ).reason,
    ).toBe('System is cart, needs to be empty');
  });

  it('does not order values that are neither numbers nor dates', () => {
    expect(passes({ property: 'language', operator: '>', value: 'a' })).toBe(
      false,
    );
  });
});

describe('matchesQuery', () => {
  it('joins rules with and/or, nested, under `rules` or `conditions`', () => {
    expect(
      matchesQuery(
        service,
        {
          combinator: 'and',
          conditions: [
            { property: 'language', operator: '=', value: 'typescript' },
            {
              combinator: 'or',
              rules: [
                { property: 'coverage', operator: '>', value: 90 },
                { relation: 'system', operator: '=', value: 'cart' },
              ],
            },
          ],
        },
        now,
      ),
    ).toBe(true);
    expect(
      matchesQuery(
        service,
        {
          combinator: 'or',
          rules: [{ property: 'coverage', operator: '>', value: 90 }],
        },
        now,
      ),
    ).toBe(false);
  });

  it('reports data it cannot compare as an error of the condition, not a pass', () => {
    expect(
      evaluateRule(
        service,
        { property: 'language', operator: '>', value: 3 },
        now,
      ),
    ).toEqual({
      passed: false,
      actual: 'typescript',
      reason:
        'language is the string "typescript", which cannot be compared (>) with the number 3',
      error:
        'language is the string "typescript", which cannot be compared (>) with the number 3',
    });
    expect(
      evaluateRule(
        service,
        {
          property: 'coverage',
          operator: 'between',
          value: { preset: 'lastWeek' },
        },
        now,
      ).error,
    ).toBe(
      'coverage is the number 72.5, which cannot be compared (between) with a date range',
    );
    // A missing value is no error: the condition just fails.
    expect(
      evaluateRule(
        service,
        { property: 'missing', operator: '>', value: 3 },
        now,
      ),
    ).toEqual(expect.not.objectContaining({ error: expect.anything() }));
  });
});

describe('names every JavaScript object has', () => {
  it.each([
    'constructor',
    'toString',
    'hasOwnProperty',
    'valueOf',
    '__proto__',
  ])('a property or relation named %s has no value', name => {
    expect(
      evaluateRule(service, { property: name, operator: 'isEmpty' }, now),
    ).toEqual({ passed: true, actual: null });
    expect(
      evaluateRule(service, { relation: name, operator: 'isEmpty' }, now),
    ).toEqual({ passed: true, actual: [] });
  });
});
