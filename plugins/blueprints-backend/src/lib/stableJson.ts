/**
 * JSON with object keys sorted at every level, so that two documents that
 * are deeply equal serialise to the same text, whatever order their keys
 * were written in. Array order is kept: it means something.
 */
export function stableJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(sortKeys);
  }
  if (value !== null && typeof value === 'object') {
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const item = (value as Record<string, unknown>)[key];
      if (item !== undefined) {
        sorted[key] = sortKeys(item);
      }
    }
    return sorted;
  }
  return value;
}
