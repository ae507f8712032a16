/** How long a shown value may get before it is cut. */
const MAX_VALUE_LENGTH = 120;

/**
 * The value a rule looked at, as the card shows it: numbers and booleans as
 * they are, strings quoted (so an empty string shows), `no value` for
 * `null`, anything else as JSON, cut when long. `undefined` when the rule
 * reported no value.
 */
export function formatActual(actual: unknown): string | undefined {
  if (actual === undefined) {
    return undefined;
  }
  if (actual === null) {
    return 'no value';
  }
  if (typeof actual === 'number' || typeof actual === 'boolean') {
    return String(actual);
  }
  let text: string;
  try {
    text = JSON.stringify(actual) ?? String(actual);
  } catch {
    text = String(actual);
  }
  return text.length > MAX_VALUE_LENGTH
    ? `${text.slice(0, MAX_VALUE_LENGTH - 1)}…`
    : text;
}

/** `1 rule`, `3 rules`. */
export function plural(count: number, noun: string, nouns = `${noun}s`) {
  return `${count} ${count === 1 ? noun : nouns}`;
}
