import {
  blueprints,
  readiness,
  service,
  serviceBlueprint,
} from '../__testUtils__/fixtures';
import { checkScorecard } from '../scorecard/checkScorecard';
import { Scorecard } from '../scorecard/types';
import { compileScorecard } from './evaluateScorecard';

const now = Date.parse('2026-11-27T12:00:00Z');
const compiled = compileScorecard(readiness);

describe('compileScorecard', () => {
  it('is valid against its blueprint (the fixture checks itself)', () => {
    expect(checkScorecard(readiness, blueprints)).toEqual([]);
  });

  it('levels an entity by the highest level whose rules and all lower rules pass', () => {
    const gold = service('gold', { readme: '# Hi', coverage: 91 });
    const silver = service(
      'silver',
      { readme: '# Hi', coverage: 80 },
      { openIncidents: 2 },
    );
    const bronze = service('bronze', { readme: '# Hi', coverage: 40 });
    const basic = service('basic', { coverage: 95 });
    expect(compiled.evaluate(gold, { now })).toMatchObject({
      level: 'Gold',
      levelIndex: 3,
    });
    expect(compiled.evaluate(silver, { now })).toMatchObject({
      level: 'Silver',
      levelIndex: 2,
    });
    expect(compiled.evaluate(bronze, { now })).toMatchObject({
      level: 'Bronze',
      levelIndex: 1,
    });
    // Passing Silver and Gold rules does not lift an entity failing Bronze.
    expect(compiled.evaluate(basic, { now })).toMatchObject({
      level: 'Basic',
      levelIndex: 0,
    });
  });

  it('says for each rule what it saw and why it failed', () => {
    const result = compiled.evaluate(
      service('s', { coverage: 40 }, { openIncidents: 1 }, []),
      { now },
    );
    expect(result.rules).toEqual([
      {
        rule: 'owned',
        level: 'Bronze',
        status: 'failed',
        actual: [],
        reason: 'Team is empty, needs a value',
      },
      {
        rule: 'documented',
        level: 'Bronze',
        status: 'failed',
        actual: null,
        reason: 'readme has no value, needs a value',
      },
      {
        rule: 'tested',
        level: 'Silver',
        status: 'failed',
        actual: 40,
        reason: 'coverage is 40, needs at least 80',
      },
      {
        rule: 'calm',
        level: 'Gold',
        status: 'failed',
        actual: 1,
        reason: 'openIncidents is 1, needs to be 0',
      },
    ]);
  });

  it('names what a rule reads by its title in the blueprint, with figures rounded', () => {
    const titled = compileScorecard(
      {
        ...readiness,
        rules: [
          ...readiness.rules,
          {
            identifier: 'deploys',
            level: 'Gold',
            threshold: {
              property: 'doraDeploymentsPerDay',
              operator: '>=',
              value: 0.0333,
            },
          },
        ],
      },
      {
        blueprint: {
          ...serviceBlueprint,
          schema: {
            properties: {
              ...serviceBlueprint.schema.properties,
              coverage: { type: 'number', title: 'Test coverage' },
            },
          },
          aggregationProperties: {
            openIncidents: {
              ...serviceBlueprint.aggregationProperties!.openIncidents,
              title: 'Open incidents',
            },
          },
        },
      },
    );
    const result = titled.evaluate(
      service(
        's',
        { coverage: 40.1234, doraDeploymentsPerDay: 0.0222222 },
        { openIncidents: 1 },
      ),
      { now },
    );
    expect(result.rules.map(r => r.reason)).toEqual([
      undefined,
      'readme has no value, needs a value',
      'Test coverage is 40.12, needs at least 80',
      'Open incidents is 1, needs to be 0',
      'Deployments per day is 0.02, needs at least 0.03',
    ]);
  });

  it('counts an exempt rule as passed until the exemption ends', () => {
    const entity = service('s', { coverage: 40, readme: 'x' });
    const exemptions = new Map([['tested', '2026-12-31T00:00:00Z']]);
    const during = compiled.evaluate(entity, { now, exemptions });
    expect(during.level).toBe('Gold');
    expect(during.rules[2]).toMatchObject({
      status: 'exempt',
      actual: 40,
      exemptUntil: '2026-12-31T00:00:00.000Z',
    });
    const after = compiled.evaluate(entity, {
      now: Date.parse('2027-01-01T00:00:00Z'),
      exemptions,
    });
    expect(after.level).toBe('Bronze');
    expect(after.rules[2].status).toBe('failed');
  });

  it('reports data a rule cannot judge as an error of that rule only', () => {
    const result = compiled.evaluate(
      service('s', { coverage: 'high', readme: 'x' }),
      { now },
    );
    expect(result.rules[2]).toEqual({
      rule: 'tested',
      level: 'Silver',
      status: 'error',
      actual: 'high',
      reason:
        'coverage is "high", not a number; the threshold needs at least 80',
    });
    expect(result.rules.map(r => r.status)).toEqual([
      'passed',
      'passed',
      'error',
      'passed',
    ]);
    expect(result.level).toBe('Bronze');

    const query = compileScorecard({
      ...readiness,
      rules: [
        {
          identifier: 'compare',
          level: 'Bronze',
          query: {
            combinator: 'and',
            conditions: [{ property: 'language', operator: '>', value: 3 }],
          },
        },
      ],
    });
    expect(
      query.evaluate(service('s', { language: 'go' }), { now }).rules[0],
    ).toMatchObject({
      status: 'error',
      reason:
        'language is the string "go", which cannot be compared (>) with the number 3',
    });
  });

  it('applies to entities of its blueprint that match its filter', () => {
    expect(compiled.applies(service('s', {}), now)).toBe(true);
    expect(compiled.applies(service('s', { tier: '3' }), now)).toBe(false);
    expect(
      compiled.applies({ ...service('s', {}), blueprint: 'System' }, now),
    ).toBe(false);
  });

  it('explains an "or" query by every alternative that failed', () => {
    const scorecard: Scorecard = {
      identifier: 'either',
      blueprint: 'Service',
      levels: [
        { title: 'None', color: 'red' },
        { title: 'Some', color: 'green' },
      ],
      rules: [
        {
          identifier: 'docsOrTests',
          level: 'Some',
          query: {
            combinator: 'or',
            conditions: [
              { property: 'readme', operator: 'isNotEmpty' },
              { property: 'coverage', operator: '>', value: 50 },
            ],
          },
        },
      ],
    };
    const either = compileScorecard(scorecard);
    expect(either.evaluate(service('s', { coverage: 60 }), { now }).level).toBe(
      'Some',
    );
    expect(
      either.evaluate(service('s', { coverage: 10 }), { now }).rules[0],
    ).toEqual({
      rule: 'docsOrTests',
      level: 'Some',
      status: 'failed',
      actual: { readme: null, coverage: 10 },
      reason:
        'readme has no value, needs a value, and coverage is 10, needs more than 50',
    });
  });

  it('treats a level without rules as reached once the levels below are', () => {
    const gapped = compileScorecard({
      ...readiness,
      filter: undefined,
      rules: readiness.rules.filter(r => r.level !== 'Silver'),
    });
    expect(
      gapped.evaluate(service('s', { readme: 'x', coverage: 0 }), { now })
        .level,
    ).toBe('Gold');
  });
});
