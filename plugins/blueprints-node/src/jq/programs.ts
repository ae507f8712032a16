/*
 * The jq text the engines run around the user's program, and how their
 * answers are read back: per input, `[]` (no output), `[value]` (its first
 * output) or `{"error": e}`, so that per-input errors stay apart. Both
 * engines put the same prelude in front, so that they agree wherever their
 * jq versions do; the wasm engine maps the program over a batch (one
 * compilation for the batch), the native one runs it on each input (the
 * binding keeps the compiled program).
 */

import type { JqResult } from '@plinth/plugin-blueprints-common';

/**
 * Definitions in front of every program, on the program's first line so
 * that jq's line numbers stay the user's:
 * - no access to the environment (`env`, `$ENV` are `{}`), as Port's binding
 *   does;
 * - nothing that reads more input, ends the process or writes to stderr:
 *   `input` and `inputs` crash the native binding (it has no input
 *   callback), `halt` and `halt_error` would end the wasm run, `debug` and
 *   `stderr` print;
 * - `input_filename` is `null` and `input_line_number` 0 in both, as jq
 *   gives them for one document on standard input (jq-web names its input
 *   file; the native binding has no input to count lines of).
 */
const PRELUDE = [
  'def env: {};',
  'def input: error("input is not available in a calculation");',
  'def inputs: error("inputs is not available in a calculation");',
  'def halt: error("halt is not available in a calculation");',
  'def halt_error: error("halt_error is not available in a calculation");',
  'def halt_error($code): halt_error;',
  'def debug: .;',
  'def debug(message): .;',
  'def stderr: .;',
  'def input_filename: null;',
  'def input_line_number: 0;',
  '{} as $ENV |',
].join(' ');

/**
 * The program the wasm engine (jq 1.7) runs over an array of inputs. The
 * program is wrapped in parentheses and followed by a newline, so that a
 * trailing `# comment` cannot swallow what follows; `first(...)` keeps its
 * first output, as Port's binding does; an error raised before it is
 * caught per input; `error(null)` counts as no output, as in jq 1.6.
 */
export function batchProgram(program: string): string {
  return `${PRELUDE} [.[] | [try [first((${program}
))] catch (if . == null then [] else {error: .} end)] | if . == [] then [] else .[0] end] | tojson`;
}

/**
 * The program the native engine (jq 1.6) runs on each input, reading only
 * its first output as Port's binding does: `[value]`, or `{"error": e}`.
 * Not `first(...)`: in jq 1.6 `break` is an error that the program's own
 * `try` catches (`[first(try 1 catch "x")]` is `[1, "x"]`). No output at
 * all (and jq 1.6's `error(null)`) gives nothing, which the child reads as
 * `[]`.
 */
export function singleProgram(program: string): string {
  return `${PRELUDE} (try ((${program}
) | [.]) catch {error: .}) | tojson`;
}

/**
 * A program that compiles the user's program without running it (`empty`
 * never gets to it), with the program last, as jq would see it alone: its
 * compile errors read as jq's own (`unexpected $end`, on the user's line),
 * not as errors about the batch program's parentheses.
 */
export function checkProgram(program: string): string {
  return `${PRELUDE} empty | ${program}`;
}

/** Whether a value is a plain object. */
function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A jq error value as a message: a string as it is, anything else as JSON
 * with jq's own remark.
 */
export function errorValueMessage(value: unknown): string {
  return typeof value === 'string'
    ? value
    : `${JSON.stringify(value)} (not a string)`;
}

/** One input's answer in the batch output. */
export function decodeItem(item: unknown): JqResult | undefined {
  if (Array.isArray(item) && item.length <= 1) {
    return { value: item.length === 1 ? item[0] : null };
  }
  if (isObject(item) && 'error' in item) {
    return { error: errorValueMessage(item.error), kind: 'runtime' };
  }
  return undefined;
}

/**
 * The batch output for `count` inputs, or `undefined` when it is not one
 * answer per input (a program that closes the wrapper's parentheses).
 */
export function decodeBatch(
  output: string,
  count: number,
): JqResult[] | undefined {
  let items: unknown;
  try {
    items = JSON.parse(output);
  } catch {
    return undefined;
  }
  if (!Array.isArray(items) || items.length !== count) return undefined;
  const results: JqResult[] = [];
  for (const item of items) {
    const result = decodeItem(item);
    if (!result) return undefined;
    results.push(result);
  }
  return results;
}

/**
 * A jq error message without the engine's framing: `jq: error: `,
 * `jq: compile error: `, jq-web's `Non-zero exit code: 3` and the echo of
 * the program, and the colon jq ends a located message with. The first
 * error only: the native binding reports no more.
 */
export function cleanJqMessage(message: string): string {
  const lines = message.split('\n');
  const line =
    lines.find(l => /^jq: (compile )?error/.test(l)) ??
    lines.find(l => l.trim() !== '' && !/^Non-zero exit code/.test(l)) ??
    message;
  const notString = /^jq: error(?: \(at [^)]*\))? \(not a string\): (.*)$/.exec(
    line,
  );
  if (notString) return `${notString[1]} (not a string)`;
  return line
    .replace(/^jq: (compile )?error(?: \(at [^)]*\))?: /, '')
    .replace(/:\s*$/, '')
    .trim();
}
