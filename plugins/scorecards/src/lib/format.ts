/** How long a shown value may get before it is cut. */
const MAX_VALUE_LENGTH = 120;

/** A figure with at most two decimals; one significant digit when smaller. */
function roundFigure(value: number): string {
  if (!isFinite(value) || Number.isInteger(value)) return String(value);
  const rounded = Math.round(value * 100) / 100;
  return String(rounded !== 0 ? rounded : Number(value.toPrecision(1)));
}

/**
 * The value a rule looked at, as the card shows it: numbers rounded to two
 * decimals, booleans as they are, strings quoted (so an empty string
 * shows), `no value` for `null`, the values of several conditions as
 * `name: value` pairs, anything else as JSON; cut when long. `undefined`
 * when the rule reported no value.
 */
export function formatActual(actual: unknown): string | undefined {
  if (actual === undefined) {
    return undefined;
  }
  if (actual === null) {
    return 'no value';
  }
  if (typeof actual === 'number') {
    return roundFigure(actual);
  }
  if (typeof actual === 'boolean') {
    return String(actual);
  }
  if (typeof actual === 'object' && !Array.isArray(actual)) {
    return cut(
      Object.entries(actual)
        .map(([name, value]) => `${name}: ${formatActual(value)}`)
        .join(', '),
    );
  }
  let text: string;
  try {
    text = JSON.stringify(actual) ?? String(actual);
  } catch {
    text = String(actual);
  }
  return cut(text);
}

function cut(text: string): string {
  return text.length > MAX_VALUE_LENGTH
    ? `${text.slice(0, MAX_VALUE_LENGTH - 1)}…`
    : text;
}

/** `1 rule`, `3 rules`. */
export function plural(count: number, noun: string, nouns = `${noun}s`) {
  return `${count} ${count === 1 ? noun : nouns}`;
}
