/*
 * Helpers of the property-based tests (`*.property.test.ts`): bounded runs
 * with a fixed seed, hostile values, one broken field in a valid document,
 * and the checks every route must pass (no 5xx, a 4xx that names the field,
 * nothing stored from a rejected request).
 */

import fc from 'fast-check';
import type { Knex } from 'knex';

/** The seed every property runs with, so that CI always sees the same cases. */
export const PROPERTY_SEED = Number(
  process.env.PLINTH_PROPERTY_SEED ?? 20261207,
);

/**
 * Cases per property: 40 by default, `PLINTH_PROPERTY_RUNS=2000` for a long
 * run.
 */
export const PROPERTY_RUNS = Number(process.env.PLINTH_PROPERTY_RUNS ?? 40);

/**
 * The time a test of a property may take: two minutes, and a quarter of a
 * second more per case of a long run (`jest.setTimeout(PROPERTY_TIMEOUT_MS)`).
 */
export const PROPERTY_TIMEOUT_MS = 120_000 + PROPERTY_RUNS * 250;

/**
 * The parameters of `fc.assert`: the fixed seed, and {@link PROPERTY_RUNS}
 * cases for each route the property sends to.
 */
export function propertyParameters(routes = 1) {
  return { seed: PROPERTY_SEED, numRuns: PROPERTY_RUNS * routes };
}

/**
 * Runs a property with the suite's parameters (see
 * {@link propertyParameters}): `undefined` when it holds, else fast-check's
 * report (seed, path, shrunk counterexample) and the counterexample's error.
 *
 * @example
 * ```ts
 * expect(await propertyFailure(fc.asyncProperty(...))).toBeUndefined();
 * ```
 */
export async function propertyFailure<Ts>(
  property: fc.IAsyncProperty<Ts>,
  routes = 1,
): Promise<string | undefined> {
  const details = await fc.check(property, propertyParameters(routes));
  if (!details.failed) return undefined;
  const report = await fc.asyncDefaultReportMessage(details);
  const error = details.errorInstance;
  return `${report}\nCause: ${
    error instanceof Error ? error.message : String(error)
  }`;
}

/** A path into a JSON document; `[]` is the whole document. */
export type Path = Array<string | number>;

/** One field of a valid document replaced (or removed) by a bad value. */
export interface Break {
  path: Path;
  value: unknown;
}

/** As the value of a {@link Break}: the field is removed. */
export const MISSING: unique symbol = Symbol('missing');

/** Names of `Object.prototype`'s properties, which no lookup may mistake for data. */
export const PROTOTYPE_NAMES = [
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'prototype',
  '__defineGetter__',
  'isPrototypeOf',
] as const;

/**
 * One of {@link PROTOTYPE_NAMES}, `__proto__` (the one an assignment turns
 * into a change of prototype) half the time.
 */
export const prototypeName: fc.Arbitrary<string> = fc.oneof(
  fc.constant('__proto__'),
  fc.constantFrom(...PROTOTYPE_NAMES),
);

/** Path-like names: `.` and `..` segments, and characters no identifier has. */
export const PATH_NAMES = [
  '../../etc/passwd',
  '..',
  '.',
  './x',
  'a/../b',
  'x/..',
  '..\\..\\windows\\win.ini',
  '%2e%2e%2fetc%2fpasswd',
  'C:\\Windows',
] as const;

/** Characters outside every identifier rule of Plinth. */
const FOREIGN_CHARACTERS = [
  ' ',
  '\n',
  '\t',
  '<',
  '>',
  '"',
  "'",
  '\\',
  '?',
  '#',
  '%',
  '*',
  '&',
  '\u0000',
  '\u202e',
  'é',
  '😀',
] as const;

/**
 * A string longer than `max`: just over it, or far over (10,000 characters),
 * of plain, accented or astral characters.
 */
export function overLong(max: number): fc.Arbitrary<string> {
  return fc
    .tuple(
      fc.constantFrom('x', 'é', '😀'),
      fc.oneof(
        fc.constantFrom(max + 1, 10_000),
        fc.integer({ min: max + 1, max: Math.max(10_000, max + 1) }),
      ),
    )
    .map(([c, n]) => c.repeat(n));
}

/** A text with a character no identifier may have. */
export const foreignText: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom('a', 'Cart', ''),
    fc.constantFrom(...FOREIGN_CHARACTERS),
  )
  .map(([a, c]) => `${a}${c}x`);

/**
 * A value that no identifier rule of Plinth accepts: the name of an
 * `Object.prototype` property, a path, an empty or over-long text, a
 * character outside Port's identifier characters.
 */
export function badIdentifier(maxLength = 100): fc.Arbitrary<string> {
  return fc.oneof(
    prototypeName,
    fc.constantFrom(...PATH_NAMES),
    fc.constant(''),
    overLong(maxLength),
    foreignText,
  );
}

/** A key no property, relation or map of Plinth accepts. */
export const badKey: fc.Arbitrary<string> = fc.oneof(
  prototypeName,
  fc.constantFrom(...PATH_NAMES),
  fc.constant(''),
  overLong(100),
  foreignText,
);

/** The JSON types. */
export type JsonType =
  | 'string'
  | 'number'
  | 'boolean'
  | 'null'
  | 'array'
  | 'object';

/**
 * An object with a key named after an `Object.prototype` property, such as
 * `{"toString": 1}`: what `String(value)` or a lookup may trip over.
 */
export const hostileObject: fc.Arbitrary<object> = fc
  .tuple(
    fc.constantFrom(
      'toString',
      'valueOf',
      '__proto__',
      'constructor',
      'hasOwnProperty',
    ),
    fc.jsonValue({ maxDepth: 1 }),
  )
  .map(([key, value]) => {
    const object = {};
    setOwn(object, key, value);
    return object;
  });

const sampleOf: Record<JsonType, fc.Arbitrary<unknown>> = {
  string: fc.string({ maxLength: 12 }),
  number: fc.oneof(
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
  ),
  boolean: fc.boolean(),
  null: fc.constant(null),
  array: fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }),
  object: fc.oneof(
    fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), {
      maxKeys: 3,
    }),
    hostileObject,
  ),
};

/** A JSON value of any type but these. */
export function otherThan(...types: JsonType[]): fc.Arbitrary<unknown> {
  return fc.oneof(
    ...(Object.keys(sampleOf) as JsonType[])
      .filter(type => !types.includes(type))
      .map(type => sampleOf[type]),
  );
}

const NESTED = /"@@nested:(\d+):(arrays|objects)@@"/g;

/**
 * A document nested `depth` levels deep around a string: written as JSON
 * text by {@link jsonText} without recursion (`JSON.stringify` of the value
 * itself would overflow the stack), and shown in counterexamples by its
 * depth.
 */
export class Nested {
  constructor(readonly depth: number, readonly arrays: boolean) {}

  toJSON(): string {
    return `@@nested:${this.depth}:${this.arrays ? 'arrays' : 'objects'}@@`;
  }

  [fc.toStringMethod](): string {
    return `<${this.arrays ? 'arrays' : 'objects'} nested ${this.depth} deep>`;
  }
}

/**
 * Arrays or objects nested up to 10,000 levels deep (as deep as a 5 MiB body
 * easily holds), around a string; often the deepest. `arrays` only arrays,
 * `objects` only objects; both by default.
 */
export function deeplyNested(
  only?: 'arrays' | 'objects',
): fc.Arbitrary<unknown> {
  const shapes =
    only === undefined ? fc.boolean() : fc.constant(only === 'arrays');
  return fc
    .tuple(
      fc.oneof(
        fc.constantFrom(5000, 10_000),
        fc.integer({ min: 2, max: 10_000 }),
      ),
      shapes,
    )
    .map(([depth, arrays]) => new Nested(depth, arrays));
}

/** A value as JSON text, with its {@link Nested} parts written out. */
export function jsonText(value: unknown): string {
  return JSON.stringify(value).replace(NESTED, (_, depth, shape) => {
    const n = Number(depth);
    return shape === 'arrays'
      ? `${'['.repeat(n)}"x"${']'.repeat(n)}`
      : `${'{"a":'.repeat(n)}"x"${'}'.repeat(n)}`;
  });
}

/** Sets an own, enumerable property, even `__proto__`. */
export function setOwn(target: object, key: string | number, value: unknown) {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

/**
 * A copy of a JSON document with one field replaced, or removed when the
 * value is {@link MISSING}; missing parents are created as objects.
 */
export function applyBreak(document: unknown, { path, value }: Break): unknown {
  if (path.length === 0) return value === MISSING ? undefined : value;
  const root = structuredClone(document);
  let parent = root as Record<string | number, unknown>;
  for (const segment of path.slice(0, -1)) {
    const next = Object.prototype.hasOwnProperty.call(parent, segment)
      ? parent[segment]
      : undefined;
    if (typeof next === 'object' && next !== null) {
      parent = next as Record<string | number, unknown>;
    } else {
      const created = {};
      setOwn(parent, segment, created);
      parent = created;
    }
  }
  const last = path[path.length - 1];
  if (value === MISSING) {
    delete parent[last];
  } else {
    setOwn(parent, last, value);
  }
  return root;
}

/** Breaks of one field by every value of `values`. */
export function breakAt(
  path: Path,
  values: fc.Arbitrary<unknown>,
): fc.Arbitrary<Break> {
  return values.map(value => ({ path, value }));
}

/** The JSON pointer of a path. */
export function pointerOf(path: Path): string {
  return path
    .map(s => `/${String(s).replace(/~/g, '~0').replace(/\//g, '~1')}`)
    .join('');
}

/** Whether one JSON pointer is the other, or contains it, or is in it. */
function related(a: string, b: string): boolean {
  return a === b || a.startsWith(`${b}/`) || b.startsWith(`${a}/`);
}

/** The message of Backstage's JSON error body, or a failure saying what came. */
function messageOf(body: unknown): string {
  const error = (body as { error?: { message?: unknown } } | undefined)?.error;
  const message = error?.message;
  if (typeof message !== 'string' || message.trim() === '') {
    throw new Error(
      `a 4xx answer must have error.message; got ${JSON.stringify(body)}`,
    );
  }
  return message;
}

/** The non-empty JSON pointers of `error.problems`, if any. */
function problemPointers(body: unknown): string[] {
  const problems = (body as { error?: { problems?: unknown } } | undefined)
    ?.error?.problems;
  if (!Array.isArray(problems)) return [];
  return problems
    .map(p => (p as { pointer?: unknown } | null)?.pointer)
    .filter((p): p is string => typeof p === 'string' && p !== '');
}

/**
 * Whether a list of problems (`error.problems`, or the `problems` of a
 * validation answer) or a message names the field at `path`: a problem's
 * pointer is it, contains it or is in it; or the message has its pointer,
 * its dotted path or its last key. The whole document (`[]`) is named by
 * the words in `whole` (`body` by default).
 */
export function namesField(
  message: string,
  pointers: string[],
  path: Path,
  whole: readonly string[] = ['body'],
): boolean {
  if (path.length === 0) {
    return whole.some(word => message.includes(word));
  }
  const pointer = pointerOf(path);
  if (pointers.some(p => related(p, pointer))) return true;
  const lastKey = [...path].reverse().find(s => typeof s === 'string');
  const words = [pointer, path.join('.')];
  if (lastKey !== undefined) {
    words.push(`"${lastKey}"`, `'${lastKey}'`);
    if (lastKey !== '') words.push(lastKey);
  }
  return words.some(word => message.includes(word));
}

/**
 * Fails unless a 4xx body has `error.message`, and it (or a pointer of
 * `error.problems`) names the field at `path`; see {@link namesField}.
 */
export function expectNamesField(
  body: unknown,
  path: Path,
  whole: readonly string[] = ['body'],
) {
  const message = messageOf(body);
  if (!namesField(message, problemPointers(body), path, whole)) {
    throw new Error(
      `the error does not name ${
        path.length ? pointerOf(path) : 'the body'
      }: ${JSON.stringify(message).slice(0, 2000)}`,
    );
  }
}

/**
 * Fails unless a 4xx body has `error.message` naming a part of the request:
 * one of `words` (the part, such as `body`, or the route's field names), or
 * a problem pointer.
 */
export function expectNamesPart(body: unknown, words: readonly string[]) {
  const message = messageOf(body);
  if (problemPointers(body).length > 0) return;
  if (!words.some(word => word !== '' && message.includes(word))) {
    throw new Error(
      `the error names no part of the request (${words.join(
        ', ',
      )}): ${JSON.stringify(message).slice(0, 2000)}`,
    );
  }
}

/** The keys of a value, when it is an object. */
export function keysOf(value: unknown): string[] {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? Object.keys(value)
    : [];
}

/** A database of the test backend, as `TestDatabases` gives it. */
export type TestKnex = Knex;

/** Every row of some tables, each as JSON, sorted: to compare before and after. */
export async function readTables(
  knex: TestKnex,
  tables: readonly string[],
): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of tables) {
    const rows: unknown[] = await knex(table).select();
    out[table] = rows.map(row => JSON.stringify(row)).sort();
  }
  return out;
}

/**
 * Throws `message` unless `condition` holds: for checks outside a test's
 * own `expect`s (set-up, one branch of an answer).
 */
export function ensure(condition: unknown, message: () => string) {
  if (!condition) throw new Error(message());
}

/** A short account of an answer, for failure messages. */
export function describeAnswer(res: { status: number; text?: string }) {
  return `${res.status} ${(res.text ?? '').slice(0, 1500)}`;
}
