import {
  DORA_MEDIAN,
  DORA_P90,
  doraPercentileOf,
  doraPercentileRanks,
  doraSampleOf,
} from './percentile';

describe('percentiles', () => {
  it('takes the middle value of an odd count and the mean of the two middle ones of an even count', () => {
    expect(doraPercentileOf(doraSampleOf([5, 1, 3]), DORA_MEDIAN)).toBe(3);
    expect(doraPercentileOf(doraSampleOf([4, 1, 3, 2]), DORA_MEDIAN)).toBe(2.5);
    expect(doraPercentileOf(doraSampleOf([7]), DORA_MEDIAN)).toBe(7);
    expect(doraPercentileOf(doraSampleOf([]), DORA_MEDIAN)).toBeNull();
  });

  it('interpolates between the closest ranks', () => {
    // n = 11: h = 1 + 10 * 0.9 = 10, exactly the 10th value.
    expect(doraPercentileRanks(11, DORA_P90)).toEqual({
      lower: 10,
      upper: 10,
      weight: 0,
    });
    // n = 5: h = 1 + 4 * 0.9 = 4.6.
    expect(doraPercentileRanks(5, DORA_P90)).toEqual({
      lower: 4,
      upper: 5,
      weight: 0.6,
    });
    expect(
      doraPercentileOf(doraSampleOf([10, 20, 30, 40, 50]), DORA_P90),
    ).toBeCloseTo(46, 12);
  });
});
