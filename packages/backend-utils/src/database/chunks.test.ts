import { chunks } from './chunks';

describe('chunks', () => {
  it('slices in order, the last one shorter', () => {
    expect(chunks([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunks([], 2)).toEqual([]);
  });

  it('refuses a size below 1', () => {
    expect(() => chunks([1], 0)).toThrow(
      'chunk size must be at least 1, not 0',
    );
  });
});
