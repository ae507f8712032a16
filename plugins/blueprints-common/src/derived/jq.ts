/*
 * What the calculation semantics need from a jq engine. The engines live in
 * `@plinth/plugin-blueprints-node` (a native one and a WebAssembly one); this
 * package only defines the contract, so that it stays browser-safe and any
 * evaluator (a test double, a remote one) can be injected.
 */

/**
 * Why a jq program gave no value for an input: it does not compile, it failed
 * on that input (an error raised, a type error), or it ran out of time.
 * @public
 */
export type JqErrorKind = 'compile' | 'runtime' | 'timeout';

/**
 * The outcome of a jq program on one input: its first output (`null` when it
 * produced none), or why there is none.
 * @public
 */
export type JqResult =
  | { value: unknown }
  | { error: string; kind: JqErrorKind };

/**
 * Runs one jq program over many inputs. Never rejects for a failing program:
 * a compile error, a runtime error or a timeout is a result of its own, per
 * input.
 * @public
 */
export interface JqEvaluator {
  /** One result per input, in the order of `inputs`. */
  evaluateMany(
    program: string,
    inputs: readonly unknown[],
  ): Promise<JqResult[]>;
}

/**
 * Whether a {@link JqResult} is a failure.
 * @public
 */
export function isJqError(
  result: JqResult,
): result is { error: string; kind: JqErrorKind } {
  return 'error' in result;
}
