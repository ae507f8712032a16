/**
 * A percentile as a fraction `numerator / denominator` (the median is 1/2).
 * @public
 */
export interface DoraPercentile {
  numerator: number;
  denominator: number;
}

/** @public */
export const DORA_MEDIAN: DoraPercentile = { numerator: 1, denominator: 2 };
/** @public */
export const DORA_P90: DoraPercentile = { numerator: 9, denominator: 10 };

/**
 * Values sorted ascending, known by rank (from 1): the in-memory computation
 * has them all, the SQL one only the ranks {@link doraPercentileRanks} names.
 * @public
 */
export interface DoraSample {
  count: number;
  valueAt(rank: number): number;
}

/**
 * The ranks a percentile needs, and the weight of the upper one.
 *
 * The definition (the "linear interpolation between closest ranks" one of
 * PostgreSQL's `percentile_cont`, numpy's default and Excel's
 * `PERCENTILE.INC`): for n values sorted ascending, the rank is
 * `h = 1 + (n - 1) p`; the percentile is the value at `floor(h)` plus
 * `(h - floor(h))` times the step to the value at `ceil(h)`. So the median
 * of an odd count is the middle value, of an even count the mean of the two
 * middle values. Integer arithmetic keeps the ranks exact.
 * @public
 */
export function doraPercentileRanks(
  count: number,
  p: DoraPercentile,
): { lower: number; upper: number; weight: number } {
  const scaled = (count - 1) * p.numerator;
  const lower = Math.floor(scaled / p.denominator) + 1;
  const remainder = scaled % p.denominator;
  return {
    lower,
    upper: remainder === 0 ? lower : lower + 1,
    weight: remainder / p.denominator,
  };
}

/**
 * The percentile of a sample (see {@link doraPercentileRanks}); null when it is
 * empty.
 * @public
 */
export function doraPercentileOf(
  sample: DoraSample,
  p: DoraPercentile,
): number | null {
  if (sample.count === 0) return null;
  const { lower, upper, weight } = doraPercentileRanks(sample.count, p);
  const low = sample.valueAt(lower);
  if (upper === lower) return low;
  return low + (sample.valueAt(upper) - low) * weight;
}

/**
 * A sample of values in memory.
 * @public
 */
export function doraSampleOf(values: number[]): DoraSample {
  const sorted = [...values].sort((a, b) => a - b);
  return { count: sorted.length, valueAt: rank => sorted[rank - 1] };
}
