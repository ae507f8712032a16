import {
  explainMatch,
  ResourceContext,
  ResourceDefinition,
  resourceIdOf,
} from './matchDefinition';

const definition = (
  id: string,
  criteria: ResourceDefinition['criteria'],
  type = 'postgres',
): ResourceDefinition => ({ id, type, driver: 'postgres', criteria });

const db: ResourceContext = {
  name: 'db',
  type: 'postgres',
  resId: resourceIdOf('cart-service', 'db'),
  appId: 'component:default/cartservice',
  envId: 'staging',
  envType: 'staging',
};

describe('explainMatch', () => {
  const definitions = [
    definition('shared-pg', [{}]),
    definition('staging-pg', [{ envType: 'staging' }]),
    definition('cart-pg', [{ appId: 'component:default/cartservice' }]),
    definition('cart-staging-pg', [
      { appId: 'component:default/cartservice', envType: 'production' },
      { appId: 'component:default/cartservice', envType: 'staging' },
    ]),
    definition('large-pg', [{ class: 'large' }]),
    definition('redis', [{}], 'redis'),
  ];

  it('chooses the most specific definition that applies, and says why of each', () => {
    const { chosen, error, candidates } = explainMatch(definitions, db);
    expect(error).toBeUndefined();
    expect(chosen?.definition.id).toBe('cart-staging-pg');
    expect(chosen?.specificity).toBe(3);
    expect(
      candidates.map(c => [c.definition.id, c.specificity, c.reason]),
    ).toEqual([
      ['shared-pg', 0, 'applies (everywhere)'],
      ['staging-pg', 1, 'applies (environment type staging)'],
      ['cart-pg', 2, 'applies (app component:default/cartservice)'],
      [
        'cart-staging-pg',
        3,
        'applies (app component:default/cartservice, environment type staging)',
      ],
      [
        'large-pg',
        undefined,
        'does not apply: it wants class "large", not "default"',
      ],
    ]);
  });

  it('lets a resource id outweigh everything else, and matches classes exactly', () => {
    const withId = [
      ...definitions,
      definition('cart-db-only', [{ resId: 'cart-service.db' }]),
    ];
    expect(explainMatch(withId, db).chosen?.definition.id).toBe('cart-db-only');
    expect(
      explainMatch(withId, { ...db, class: 'large' }).chosen?.definition.id,
    ).toBe('large-pg');
  });

  it('names both definitions when two apply equally', () => {
    const tied = [
      definition('pg-a', [{ envType: 'staging' }]),
      definition('pg-b', [{ envType: 'staging' }]),
    ];
    expect(explainMatch(tied, db).error).toBe(
      'Resource definitions "pg-a" and "pg-b" apply equally to resource "db" (postgres, class default) of component:default/cartservice in environment staging (staging); make one of them more specific.',
    );
  });

  it('names the resource, its type and the environment when none applies', () => {
    expect(
      explainMatch([definition('prod-pg', [{ envType: 'production' }])], db),
    ).toEqual({
      candidates: [
        expect.objectContaining({
          reason:
            'does not apply: it wants environment type "production", not "staging"',
        }),
      ],
      error:
        'No resource definition applies to resource "db" (postgres, class default) of component:default/cartservice in environment staging (staging): the definitions of type postgres (prod-pg) do not match it.',
    });
    expect(explainMatch([], { ...db, type: 's3' }).error).toBe(
      'No resource definition applies to resource "db" (s3, class default) of component:default/cartservice in environment staging (staging): there is no definition of type s3.',
    );
    expect(
      explainMatch([definition('unused', [])], db).candidates[0].reason,
    ).toBe('has no matching criteria, so it applies nowhere');
  });
});
