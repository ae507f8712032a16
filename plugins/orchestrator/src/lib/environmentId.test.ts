import { isEnvironmentId } from './environmentId';

describe('isEnvironmentId', () => {
  it('takes what the backend takes', () => {
    for (const id of ['preview', 'pr-42', 'a', 'x'.repeat(63)]) {
      expect(isEnvironmentId(id)).toBe(true);
    }
    for (const id of ['', 'Preview', '-pr', 'pr-', 'pr_42', 'x'.repeat(64)]) {
      expect(isEnvironmentId(id)).toBe(false);
    }
  });
});
