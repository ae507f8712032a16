/**
 * Where a definition came from, as a user reads it: a file path without
 * the `./` and `../` steps that lead from the backend to it
 * (`../../examples/plinth/x.json` is `examples/plinth/x.json`); URLs and
 * catalog entity refs as they are.
 */
export function displaySource(source: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(source)) return source;
  return source.replace(/^(?:\.{1,2}[\\/])+/, '');
}
