import type { Blueprint } from '../blueprint/types';
import { checkQuery, queryValueType } from './checkQuery';

const service: Blueprint = {
  identifier: 'Service',
  schema: {
    properties: {
      language: { type: 'string' },
      replicas: { type: 'number' },
      launchedAt: { type: 'string', format: 'date-time' },
      tags: { type: 'array' },
    },
  },
  relations: { system: { target: 'System' } },
  mirrorProperties: { domain: { path: 'system.domain.$title' } },
  calculationProperties: {
    label: { calculation: '.title', type: 'string' },
  },
  aggregationProperties: {
    incidents: {
      target: 'Incident',
      calculationSpec: { calculationBy: 'entities', func: 'count' },
    },
  },
};

const messages = (query: unknown) =>
  checkQuery(query, service, '/query').map(p => `${p.pointer}: ${p.message}`);

describe('checkQuery', () => {
  it('accepts conditions on every kind of property, meta-properties and relations', () => {
    expect(
      messages({
        combinator: 'and',
        conditions: [
          { property: 'language', operator: '=', value: 'go' },
          { property: 'replicas', operator: '>=', value: 2 },
          { property: 'incidents', operator: '<', value: 1 },
          { property: 'domain', operator: 'isNotEmpty' },
          { property: 'label', operator: 'beginsWith', value: 'C' },
          { property: '$team', operator: 'isNotEmpty' },
          {
            property: '$updatedAt',
            operator: 'between',
            value: { preset: 'last3Months' },
          },
          {
            property: 'launchedAt',
            operator: 'notBetween',
            value: { from: '2026-01-01', to: '2026-02-01' },
          },
          { relation: 'system', operator: '=', value: 'Cart' },
          {
            combinator: 'or',
            conditions: [
              { property: 'tags', operator: 'contains', value: 'x' },
            ],
          },
        ],
      }),
    ).toEqual([]);
  });

  it('names an unknown operator and lists the known ones', () => {
    expect(
      messages({
        combinator: 'and',
        conditions: [{ property: 'language', operator: 'like', value: 'g' }],
      }),
    ).toEqual([
      expect.stringMatching(
        /^\/query\/conditions\/0\/operator: unknown operator "like"; expected one of =, !=/,
      ),
    ]);
  });

  it('names a property or relation the blueprint does not have', () => {
    expect(
      messages({
        combinator: 'or',
        conditions: [
          { property: 'readme', operator: 'isNotEmpty' },
          { relation: 'owner', operator: 'isNotEmpty' },
        ],
      }),
    ).toEqual([
      expect.stringMatching(
        /^\/query\/conditions\/0\/property: blueprint "Service" has no property "readme"; it has language, replicas, launchedAt, tags, domain, label, incidents/,
      ),
      '/query/conditions/1/relation: blueprint "Service" has no relation "owner"; it has system',
    ]);
  });

  it('asks for dates or a preset in between', () => {
    expect(
      messages({
        combinator: 'and',
        conditions: [
          { property: 'launchedAt', operator: 'between', value: {} },
          {
            property: 'launchedAt',
            operator: 'between',
            value: { from: '2026-01-01' },
          },
          {
            property: 'launchedAt',
            operator: 'between',
            value: { preset: 'someday' },
          },
          { property: 'launchedAt', operator: 'between' },
        ],
      }),
    ).toEqual([
      '/query/conditions/0/value: a date range needs both "from" and "to" (ISO 8601 dates), or a "preset"',
      '/query/conditions/1/value: a date range needs both "from" and "to" (ISO 8601 dates), or a "preset"',
      expect.stringMatching(
        /^\/query\/conditions\/2\/value: unknown date preset "someday"/,
      ),
      '/query/conditions/3: operator "between" needs a "value"',
    ]);
  });

  it('refuses a number property compared with a string', () => {
    expect(
      messages({
        combinator: 'and',
        conditions: [
          { property: 'replicas', operator: '>', value: 'two' },
          { property: 'language', operator: '>', value: 3 },
          { property: 'replicas', operator: '=', value: 'two' },
        ],
      }),
    ).toEqual([
      '/query/conditions/0/value: ">" compares numbers or dates; got "two"',
      '/query/conditions/1/value: "language" holds a string, which cannot be compared with the number 3',
      '/query/conditions/2/value: "replicas" holds a number, which is never equal to the string "two"',
    ]);
  });

  it('refuses a malformed query', () => {
    expect(messages({ combinator: 'xor' })).toEqual([
      '/query/combinator: expected "and" or "or"; got "xor"',
      '/query: expected "conditions" (or "rules"): a list of conditions',
    ]);
  });

  it('types properties as queries compare them', () => {
    expect(queryValueType(service, 'launchedAt')).toBe('date');
    expect(queryValueType(service, 'incidents')).toBe('number');
    expect(queryValueType(service, 'domain')).toBe('unknown');
    expect(queryValueType(service, '$team')).toBe('array');
    expect(queryValueType(service, 'nothing')).toBeUndefined();
  });
});

describe('names every JavaScript object has', () => {
  it.each([
    '__proto__',
    'constructor',
    'toString',
    'hasOwnProperty',
    'valueOf',
  ])(
    'a property or relation named %s is unknown, and so is such an operator',
    name => {
      expect(queryValueType(service, name)).toBeUndefined();
      expect(
        queryValueType(service, name, { doraLeadTimeHours: 'number' }),
      ).toBeUndefined();
      expect(
        messages({
          combinator: 'and',
          conditions: [
            { property: name, operator: '=', value: 1 },
            { relation: name, operator: 'isEmpty' },
            { property: 'language', operator: name, value: 'go' },
          ],
        }),
      ).toEqual([
        `/query/conditions/0/property: blueprint "Service" has no property "${name}"; it has language, replicas, launchedAt, tags, domain, label, incidents and the meta-properties $identifier, $title, $team, $blueprint, $icon, $createdAt, $updatedAt, $createdBy, $updatedBy`,
        `/query/conditions/1/relation: blueprint "Service" has no relation "${name}"; it has system`,
        `/query/conditions/2/operator: unknown operator "${name}"; expected one of =, !=, >, <, >=, <=, contains, doesNotContains, beginsWith, doesNotBeginsWith, endsWith, doesNotEndsWith, containsAny, in, notIn, isEmpty, isNotEmpty, between, notBetween`,
      ]);
    },
  );

  it('reads a "type": "enum" property as a string', () => {
    const application = {
      identifier: 'argocdApplication',
      schema: {
        properties: { healthStatus: { type: 'enum', enum: ['Healthy'] } },
      },
    } as Blueprint;
    expect(queryValueType(application, 'healthStatus')).toBe('string');
  });
});
