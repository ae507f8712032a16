import { blueprints, readiness } from '../__testUtils__/fixtures';
import { loadScorecards } from './loadScorecards';

const rule = (query: unknown, extra: Record<string, unknown> = {}) => ({
  identifier: 'r',
  title: 'R',
  level: 'Silver',
  query: { combinator: 'and', conditions: [query] },
  ...extra,
});

function problemsOf(scorecard: Record<string, unknown>) {
  const loaded = loadScorecards(
    [{ source: 'scorecards/bad.json', value: [readiness, scorecard] }],
    blueprints,
  );
  // The valid scorecard beside the bad one is always kept.
  expect(loaded.scorecards.map(s => s.scorecard.identifier)).toEqual([
    'readiness',
  ]);
  return loaded.problems.map(p => `${p.source} ${p.pointer}: ${p.message}`);
}

const base = { identifier: 'bad', blueprint: 'Service' };

describe('loadScorecards', () => {
  it('reads one scorecard, a list, and Port grouped resource files', () => {
    const { rules, ...withoutBlueprint } = readiness;
    const loaded = loadScorecards(
      [
        { source: 'one.json', value: { ...readiness, identifier: 'one' } },
        {
          source: 'list.yaml',
          value: [{ ...readiness, identifier: 'two' }],
        },
        {
          source: 'grouped.json',
          value: [
            {
              blueprint: 'Service',
              data: [
                {
                  ...withoutBlueprint,
                  blueprint: undefined,
                  identifier: 'three',
                  rules,
                },
              ],
            },
          ],
        },
      ],
      blueprints,
    );
    expect(loaded.problems).toEqual([]);
    expect(
      loaded.scorecards.map(s => [
        s.source,
        s.scorecard.identifier,
        s.scorecard.blueprint,
      ]),
    ).toEqual([
      ['one.json', 'one', 'Service'],
      ['list.yaml', 'two', 'Service'],
      ['grouped.json', 'three', 'Service'],
    ]);
  });

  it('names an unknown operator', () => {
    expect(
      problemsOf({
        ...base,
        rules: [rule({ property: 'coverage', operator: 'approx', value: 1 })],
      }),
    ).toEqual([
      expect.stringMatching(
        /^scorecards\/bad.json \/1\/rules\/0\/query\/conditions\/0\/operator: unknown operator "approx"/,
      ),
    ]);
  });

  it('names a property the blueprint does not have', () => {
    expect(
      problemsOf({
        ...base,
        rules: [rule({ property: 'readmee', operator: 'isNotEmpty' })],
      }),
    ).toEqual([
      expect.stringMatching(
        /^scorecards\/bad.json \/1\/rules\/0\/query\/conditions\/0\/property: blueprint "Service" has no property "readmee"; it has language, readme, coverage, tier, openIncidents/,
      ),
    ]);
  });

  it('refuses a rule with a missing or unknown level', () => {
    const { level, ...noLevel } = rule({
      property: 'readme',
      operator: 'isNotEmpty',
    });
    expect(
      problemsOf({
        ...base,
        rules: [
          noLevel,
          { ...noLevel, identifier: 'p', level: 'Platinum' },
          { ...noLevel, identifier: 'b', level: 'Basic' },
        ],
      }),
    ).toEqual([
      'scorecards/bad.json /1/rules/0: rule has no "level"; expected one of Bronze, Silver, Gold',
      'scorecards/bad.json /1/rules/1/level: level "Platinum" is not one of the scorecard\'s levels (Basic, Bronze, Silver, Gold)',
      'scorecards/bad.json /1/rules/2/level: "Basic" is the starting level every entity has; a rule belongs to a level above it (Bronze, Silver, Gold)',
    ]);
  });

  it('refuses a between without dates', () => {
    expect(
      problemsOf({
        ...base,
        rules: [
          rule({ property: '$updatedAt', operator: 'between', value: {} }),
        ],
      }),
    ).toEqual([
      'scorecards/bad.json /1/rules/0/query/conditions/0/value: a date range needs both "from" and "to" (ISO 8601 dates), or a "preset"',
    ]);
  });

  it('refuses a number compared with a string', () => {
    expect(
      problemsOf({
        ...base,
        rules: [
          rule({ property: 'coverage', operator: '>=', value: 'eighty' }),
          {
            identifier: 't',
            level: 'Gold',
            threshold: { property: 'language', operator: '>=', value: 3 },
          },
        ],
      }),
    ).toEqual([
      'scorecards/bad.json /1/rules/0/query/conditions/0/value: ">=" compares numbers or dates; got "eighty"',
      'scorecards/bad.json /1/rules/1/threshold/property: "language" holds a string; a threshold needs a number property',
    ]);
  });

  it('refuses a scorecard for a blueprint that does not exist', () => {
    expect(
      problemsOf({ ...base, blueprint: 'Microservice', rules: [] }),
    ).toEqual([
      'scorecards/bad.json /1/blueprint: no blueprint "Microservice"; known blueprints: Service, System',
    ]);
  });

  it('reports a document of the wrong shape and a duplicate identifier', () => {
    const loaded = loadScorecards(
      [
        { source: 'a.json', value: readiness },
        { source: 'b.json', value: readiness },
        { source: 'c.json', value: 'nonsense' },
      ],
      blueprints,
    );
    expect(loaded.scorecards).toHaveLength(1);
    expect(loaded.problems).toEqual([
      {
        source: 'b.json',
        pointer: '/identifier',
        message: 'scorecard "readiness" is already defined in a.json',
        entity: 'Scorecard:readiness',
      },
      {
        source: 'c.json',
        pointer: '',
        message:
          'expected a scorecard, a list of scorecards, or Port\'s grouped form [{"blueprint": ..., "data": [...]}]',
      },
    ]);
  });

  it('checks shape alone when no blueprints are given', () => {
    const loaded = loadScorecards(
      [{ source: 'x', value: { ...readiness, blueprint: 'Unknown' } }],
      undefined,
    );
    expect(loaded.problems).toEqual([]);
  });

  describe('names every JavaScript object has are ordinary unknown names', () => {
    const prototypeReason =
      'is the name of a property every JavaScript object has (Object.prototype); choose another name';

    it.each([
      '__proto__',
      'constructor',
      'toString',
      'hasOwnProperty',
      'valueOf',
    ])('a rule on a property, relation or operator named %s', name => {
      expect(
        problemsOf({
          ...base,
          rules: [
            rule({ property: name, operator: 'isNotEmpty' }),
            rule({ relation: name, operator: 'isEmpty' }, { identifier: 's' }),
            rule(
              { property: 'coverage', operator: name, value: 1 },
              { identifier: 't' },
            ),
            {
              identifier: 'u',
              level: 'Gold',
              threshold: { property: name, operator: name, value: 1 },
            },
          ],
        }),
      ).toEqual([
        expect.stringMatching(
          new RegExp(
            `^scorecards/bad.json /1/rules/0/query/conditions/0/property: blueprint "Service" has no property "${name}"`,
          ),
        ),
        `scorecards/bad.json /1/rules/1/query/conditions/0/relation: blueprint "Service" has no relation "${name}"; it has system`,
        expect.stringMatching(
          new RegExp(
            `^scorecards/bad.json /1/rules/2/query/conditions/0/operator: unknown operator "${name}"`,
          ),
        ),
        `scorecards/bad.json /1/rules/3/threshold/property: blueprint "Service" has no property "${name}"`,
        `scorecards/bad.json /1/rules/3/threshold/operator: unknown operator "${name}"; expected one of >, >=, <, <=`,
      ]);
    });

    it('refuses them as scorecard, rule and level names', () => {
      const loaded = loadScorecards(
        [
          {
            source: 'bad.json',
            value: JSON.parse(
              JSON.stringify({
                identifier: 'constructor',
                blueprint: 'Service',
                levels: [
                  { title: 'Basic', color: 'paleBlue' },
                  { title: '__proto__', color: 'gold' },
                ],
                rules: [
                  {
                    identifier: 'toString',
                    level: 'valueOf',
                    query: {
                      combinator: 'and',
                      conditions: [
                        { property: 'readme', operator: 'isNotEmpty' },
                      ],
                    },
                  },
                ],
              }),
            ),
          },
        ],
        blueprints,
      );
      expect(loaded.scorecards).toEqual([]);
      expect(loaded.problems.map(p => `${p.pointer}: ${p.message}`)).toEqual([
        `/identifier: identifier "constructor" ${prototypeReason}`,
        `/levels/1/title: level title "__proto__" ${prototypeReason}`,
        `/rules/0/identifier: rule identifier "toString" ${prototypeReason}`,
        '/rules/0/level: level "valueOf" is not one of the scorecard\'s levels (Basic, __proto__)',
      ]);
    });
  });

  describe('identifiers and free text are bounded', () => {
    it.each([
      ['../../etc/passwd', 'has a "." or ".." path segment'],
      ['a/../b', 'has a "." or ".." path segment'],
      ['x'.repeat(10_000), 'must be at most 100 characters long; got 10000'],
      ['', 'must not be empty'],
    ])('refuses the scorecard identifier %j', (identifier, reason) => {
      const lines = problemsOf({ ...base, identifier, rules: [] });
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain('/1/identifier: identifier ');
      expect(lines[0]).toContain(reason);
      // The problem does not repeat a long identifier whole.
      expect(lines[0].length).toBeLessThan(300);
    });

    it('refuses rule identifiers the same way, and long titles and descriptions', () => {
      expect(
        problemsOf({
          ...base,
          title: 't'.repeat(201),
          description: 'd'.repeat(2001),
          rules: [
            {
              ...rule({ property: 'readme', operator: 'isNotEmpty' }),
              identifier: '../r',
              title: 't'.repeat(300),
            },
          ],
        }),
      ).toEqual([
        'scorecards/bad.json /1/title: title must be at most 200 characters long; got 201',
        'scorecards/bad.json /1/description: description must be at most 2000 characters long; got 2001',
        'scorecards/bad.json /1/rules/0/identifier: rule identifier "../r" has a "." or ".." path segment; identifiers appear in URL paths and file names, where those lead elsewhere',
        'scorecards/bad.json /1/rules/0/title: title must be at most 200 characters long; got 300',
      ]);
    });
  });
});
