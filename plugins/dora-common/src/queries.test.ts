import { doraQueryString } from './queries';

describe('doraQueryString', () => {
  it('writes the values that are set, numbers as text', () => {
    expect(
      doraQueryString({
        from: '2026-09-01T00:00:00+02:00',
        groupBy: 'entity',
        team: '',
        entityRef: undefined,
      }),
    ).toBe('?from=2026-09-01T00%3A00%3A00%2B02%3A00&groupBy=entity');
    expect(doraQueryString({ limit: 5 })).toBe('?limit=5');
    expect(doraQueryString({})).toBe('');
  });
});
