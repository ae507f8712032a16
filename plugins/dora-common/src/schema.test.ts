import { normalizeEntityRef, parseDoraEvent } from './schema';

const deployment = {
  type: 'deployment',
  id: 'd1',
  entity: 'component:default/cart-service',
  environment: 'production',
  status: 'success',
  startedAt: '2024-05-01T12:00:00Z',
  finishedAt: '2024-05-01T12:10:00Z',
  changes: ['c1', 'c2'],
  rework: false,
};

function reason(value: unknown): string | undefined {
  const result = parseDoraEvent(value);
  return result.success ? undefined : result.reason;
}

describe('parseDoraEvent', () => {
  it('gives events in normal form', () => {
    expect(
      parseDoraEvent({
        ...deployment,
        entity: 'Component:Cart-Service',
        environment: 'Production',
        startedAt: '2024-05-01T14:00:00+02:00',
        finishedAt: '2024-05-01T12:10:00.5Z',
        changes: ['c1', 'c1', 'c2'],
        rework: undefined,
        extra: 'dropped',
      }),
    ).toEqual({
      success: true,
      event: {
        ...deployment,
        startedAt: '2024-05-01T12:00:00.000Z',
        finishedAt: '2024-05-01T12:10:00.500Z',
      },
    });
    expect(
      parseDoraEvent({
        type: 'incident',
        id: 'i1',
        entity: 'component:cart',
        createdAt: '2024-05-01T12:00:00Z',
      }),
    ).toEqual({
      success: true,
      event: {
        type: 'incident',
        id: 'i1',
        entity: 'component:default/cart',
        createdAt: '2024-05-01T12:00:00.000Z',
        resolvedAt: null,
        causedBy: null,
      },
    });
  });

  it('names a missing field', () => {
    const { finishedAt, ...rest } = deployment;
    expect(reason(rest)).toBe('finishedAt: is required');
    expect(reason({ type: 'change', entity: 'component:a' })).toBe(
      'id: is required; createdAt: is required',
    );
  });

  it('rejects an unknown type', () => {
    expect(reason({ ...deployment, type: 'release' })).toBe(
      'type: must be change, deployment or incident, not "release"',
    );
    expect(reason({ id: 'x' })).toBe(
      'type: is required (change, deployment or incident)',
    );
    expect(reason([deployment])).toBe('an event must be a JSON object');
    expect(parseDoraEvent({ ...deployment, type: 'x' })).toMatchObject({
      id: 'd1',
    });
  });

  it.each([
    '2024-05-01',
    '2024-05-01T12:00:00',
    '01/05/2024 12:00',
    'yesterday',
    '2024-02-30T00:00:00Z',
    '2024-13-01T00:00:00Z',
    '2024-05-01T24:00:00Z',
  ])('rejects %p, which is not an ISO 8601 date-time with a zone', date => {
    expect(reason({ ...deployment, finishedAt: date })).toBe(
      'finishedAt: must be an ISO 8601 date-time with a time zone, e.g. 2024-05-01T12:00:00Z',
    );
  });

  it('rejects a resolution before the incident, and a deployment finished before it started', () => {
    expect(
      reason({
        type: 'incident',
        id: 'i1',
        entity: 'component:default/cart',
        createdAt: '2024-05-01T12:00:00Z',
        resolvedAt: '2024-05-01T11:59:59Z',
      }),
    ).toBe('resolvedAt: must not be before createdAt');
    expect(reason({ ...deployment, finishedAt: '2024-05-01T11:00:00Z' })).toBe(
      'finishedAt: must not be before startedAt',
    );
  });

  it('names wrong types and values', () => {
    expect(
      reason({
        ...deployment,
        status: 'ok',
        rework: 'yes',
        changes: 'c1',
        entity: 'cart-service',
        id: '',
      }),
    ).toBe(
      [
        'id: must not be empty',
        'entity: must be an entity ref kind:namespace/name, e.g. component:default/cart-service',
        'status: must be success or failure',
        'changes: must be an array of change ids',
        'rework: must be true or false',
      ].join('; '),
    );
  });
});

describe('normalizeEntityRef', () => {
  it('lowercases and fills the default namespace', () => {
    expect(normalizeEntityRef('Component:Cart')).toBe('component:default/cart');
    expect(normalizeEntityRef('component:team-a/cart.v2')).toBe(
      'component:team-a/cart.v2',
    );
    expect(normalizeEntityRef('cart')).toBeUndefined();
    expect(normalizeEntityRef('component:a/b/c')).toBeUndefined();
  });
});
