/**
 * The name a user knows a property or relation by, given its identifier:
 * its title in the blueprint, or `undefined` to show the identifier.
 * @public
 */
export type RuleLabeler = (name: string) => string | undefined;

/**
 * A value as a user reads it in a rule result: numbers with at most two
 * decimals (one significant digit for smaller ones; `precise` keeps three
 * significant digits), strings as they are, lists joined with commas, date
 * ranges by preset or bounds, and `empty` for no value.
 * @public
 * @example
 * ```ts
 * formatFigure(0.022222); // '0.02'
 * formatFigure(12.3456); // '12.35'
 * formatFigure(['a', 'b']); // 'a, b'
 * ```
 */
export function formatFigure(value: unknown, precise = false): string {
  if (value === null || value === undefined || value === '') return 'empty';
  if (typeof value === 'number') return formatNumber(value, precise);
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (Array.isArray(value)) {
    return value.length === 0
      ? 'empty'
      : value.map(v => formatFigure(v, precise)).join(', ');
  }
  if (typeof value === 'object') {
    const range = value as { preset?: unknown; from?: unknown; to?: unknown };
    if (typeof range.preset === 'string') return words(range.preset);
    if (range.from !== undefined || range.to !== undefined) {
      return `${formatFigure(range.from, precise)} to ${formatFigure(
        range.to,
        precise,
      )}`;
    }
  }
  return JSON.stringify(value);
}

function formatNumber(value: number, precise: boolean): string {
  if (!isFinite(value) || Number.isInteger(value)) return String(value);
  if (precise) return String(Number(value.toPrecision(3)));
  const rounded = Math.round(value * 100) / 100;
  // A small figure keeps one significant digit, so 0.004 does not read as 0.
  return String(rounded !== 0 ? rounded : Number(value.toPrecision(1)));
}

/** `lastWeek` → `last week`. */
function words(camel: string): string {
  return camel.replace(/([a-z])([A-Z])/g, '$1 $2').toLocaleLowerCase('en-US');
}

/** What each operator asks of a value, before the value it names. */
const REQUIREMENTS: Record<string, string> = {
  '=': 'to be',
  '!=': 'not to be',
  '>': 'more than',
  '>=': 'at least',
  '<': 'less than',
  '<=': 'at most',
  contains: 'to contain',
  doesNotContains: 'not to contain',
  beginsWith: 'to begin with',
  doesNotBeginsWith: 'not to begin with',
  endsWith: 'to end with',
  doesNotEndsWith: 'not to end with',
  containsAny: 'to contain one of',
  in: 'to be one of',
  notIn: 'to be none of',
  isEmpty: 'to be empty',
  isNotEmpty: 'a value',
  between: 'to be within',
  notBetween: 'to be outside',
};

/**
 * What a condition needs, in words: `at least 0.03`, `to be elite`, `a
 * value`, `not to be one of a, b`.
 * @public
 */
export function requirementWords(
  operator: string,
  expected: unknown,
  not: boolean = false,
  precise: boolean = false,
): string {
  const requirement = REQUIREMENTS[operator] ?? operator;
  const withValue =
    operator === 'isEmpty' ||
    operator === 'isNotEmpty' ||
    expected === undefined
      ? requirement
      : `${requirement} ${formatFigure(expected, precise)}`;
  return not ? `the opposite of: ${withValue}` : withValue;
}

/**
 * Why a value fails a condition, in words: `Deployments per day is 0.02,
 * needs at least 0.03`. Figures that would read the same rounded (0.0333
 * and 0.0334) keep three significant digits.
 * @public
 */
export function failureWords(
  label: string,
  actual: unknown,
  operator: string,
  expected: unknown,
  not: boolean = false,
): string {
  const precise =
    typeof actual === 'number' &&
    typeof expected === 'number' &&
    actual !== expected &&
    formatFigure(actual) === formatFigure(expected);
  const found =
    actual === null || actual === undefined
      ? 'has no value'
      : `is ${formatFigure(actual, precise)}`;
  return `${label} ${found}, needs ${requirementWords(
    operator,
    expected,
    not,
    precise,
  )}`;
}
