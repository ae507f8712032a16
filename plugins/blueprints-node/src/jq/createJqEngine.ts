import type { LoggerService } from '@backstage/backend-plugin-api';
import type { JqEvaluator, JqResult } from '@plinth/plugin-blueprints-common';
import {
  Backend,
  findNativeBackend,
  findWasmBackend,
  JqEngineName,
} from './backends';
import { JqRunner, RunOutcome } from './JqRunner';
import { toStandardJq } from './portDialect';
import {
  batchProgram,
  checkProgram,
  cleanJqMessage,
  decodeBatch,
  singleProgram,
} from './programs';

/**
 * A jq engine: runs Port calculations (jq programs, in Port's dialect) away
 * from the caller's thread, each under a time limit. Every failure — a
 * program that does not compile, fails, crashes jq or runs too long — is a
 * result of its own, per input; the engine keeps working afterwards.
 * @public
 */
export interface JqEngine extends JqEvaluator {
  /** `native` (jq 1.6, @port-labs/jq-node-bindings) or `wasm` (jq 1.7, jq-web). */
  readonly name: JqEngineName;
  /** Which jq, through which library, where; and why not native, if so. */
  readonly description: string;
  /** The program's first output on `input` (`null` when none), or why there is none. */
  evaluate(program: string, input: unknown): Promise<JqResult>;
  /**
   * One result per input, in order. The program is compiled once per batch
   * of `batchSize` inputs; a batch that times out or crashes jq is run again
   * input by input, each with `timeoutMs`, so that only the inputs at fault
   * get the error.
   */
  evaluateMany(
    program: string,
    inputs: readonly unknown[],
  ): Promise<JqResult[]>;
  /** Ends the worker; a later evaluation starts a new one. */
  close(): Promise<void>;
}

/**
 * Options of {@link createJqEngine}.
 * @public
 */
export interface JqEngineOptions {
  /** The time one input may take, in milliseconds; 1000 by default. */
  timeoutMs?: number;
  /** The time a whole batch may take before it is run input by input; 5000 by default. */
  batchTimeoutMs?: number;
  /** How many inputs go to jq at once; 1000 by default. */
  batchSize?: number;
  /**
   * After this many inputs of one `evaluateMany` have timed out on their
   * own, the rest of its inputs are not tried (each gets a timeout error),
   * so that a program that hangs on every input costs seconds, not hours;
   * 3 by default.
   */
  maxTimeouts?: number;
  /**
   * `native` (the default) uses the native binding when it loads and the
   * WebAssembly build otherwise; `wasm` always uses the WebAssembly build.
   */
  prefer?: JqEngineName;
  /** Where to say which engine was chosen, and programs that do not compile. */
  logger?: LoggerService;
}

const COMPILE_ERROR_CACHE = 500;

class IsolatedJqEngine implements JqEngine {
  readonly name: JqEngineName;
  readonly description: string;
  private readonly runner: JqRunner;
  private readonly timeoutMs: number;
  private readonly batchTimeoutMs: number;
  private readonly batchSize: number;
  private readonly maxTimeouts: number;
  private readonly logger?: LoggerService;
  private readonly compileErrors = new Map<string, string>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    backend: Extract<Backend, { modulePath: string }>,
    fallbackReason: string | undefined,
    options: JqEngineOptions,
  ) {
    this.name = backend.name;
    this.description = fallbackReason
      ? `${backend.description}; not native: ${fallbackReason}`
      : backend.description;
    this.runner = new JqRunner(backend);
    this.timeoutMs = positive(options.timeoutMs, 1000);
    this.batchTimeoutMs = positive(options.batchTimeoutMs, 5000);
    this.batchSize = Math.floor(positive(options.batchSize, 1000));
    this.maxTimeouts = Math.floor(positive(options.maxTimeouts, 3));
    this.logger = options.logger;
  }

  async evaluate(program: string, input: unknown): Promise<JqResult> {
    const [result] = await this.evaluateMany(program, [input]);
    return result;
  }

  evaluateMany(
    program: string,
    inputs: readonly unknown[],
  ): Promise<JqResult[]> {
    // One evaluation at a time: the worker runs one job at a time.
    const run = this.queue.then(() => this.runMany(program, inputs));
    this.queue = run.catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {
    this.runner.close();
  }

  private async runMany(
    program: string,
    inputs: readonly unknown[],
  ): Promise<JqResult[]> {
    const results: JqResult[] = new Array(inputs.length);
    if (inputs.length === 0) return results;
    const standard = toStandardJq(program);
    const text =
      this.name === 'native' ? singleProgram(standard) : batchProgram(standard);
    const known = this.compileErrors.get(text);
    if (known !== undefined) {
      return inputs.map(() => ({ error: known, kind: 'compile' }));
    }

    // Inputs as JSON text; one that is not JSON gets its error here.
    const pending: Array<{ index: number; json: string }> = [];
    inputs.forEach((input, index) => {
      try {
        pending.push({ index, json: JSON.stringify(input) ?? 'null' });
      } catch (error) {
        results[index] = {
          error: `the input is not JSON: ${(error as Error)?.message}`,
          kind: 'runtime',
        };
      }
    });

    const budget = { timeouts: 0 };
    for (let start = 0; start < pending.length; start += this.batchSize) {
      const batch = pending.slice(start, start + this.batchSize);
      if (budget.timeouts >= this.maxTimeouts) {
        for (const item of batch) results[item.index] = this.notRun(budget);
        continue;
      }
      const outcome = await this.runner.run(
        text,
        batch.map(item => item.json),
        batch.length === 1 ? this.timeoutMs : this.batchTimeoutMs,
      );
      if ('jqError' in outcome && outcome.compile) {
        const message = await this.compileError(standard, outcome.jqError);
        this.rememberCompileError(text, message, program);
        return inputs.map(() => ({ error: message, kind: 'compile' }));
      }
      const decoded =
        'output' in outcome
          ? decodeBatch(outcome.output, batch.length)
          : undefined;
      if (decoded) {
        decoded.forEach((result, i) => {
          results[batch[i].index] = result;
        });
      } else if (batch.length === 1) {
        results[batch[0].index] = this.failure(outcome, budget);
      } else {
        // Find the inputs at fault: each alone, with its own time limit.
        for (const item of batch) {
          results[item.index] = await this.runOne(text, item.json, budget);
        }
      }
    }
    return results;
  }

  /**
   * The compile error of a program as jq reports it for the program alone
   * (the batch program's error may be about its own parentheses).
   */
  private async compileError(
    program: string,
    batchError: string,
  ): Promise<string> {
    const outcome = await this.runner.run(
      checkProgram(program),
      ['null'],
      this.timeoutMs,
    );
    return cleanJqMessage(
      'jqError' in outcome && outcome.compile ? outcome.jqError : batchError,
    );
  }

  private async runOne(
    text: string,
    json: string,
    budget: { timeouts: number },
  ): Promise<JqResult> {
    if (budget.timeouts >= this.maxTimeouts) {
      return this.notRun(budget);
    }
    const outcome = await this.runner.run(text, [json], this.timeoutMs);
    const decoded =
      'output' in outcome ? decodeBatch(outcome.output, 1) : undefined;
    return decoded ? decoded[0] : this.failure(outcome, budget);
  }

  private notRun(budget: { timeouts: number }): JqResult {
    return {
      error: `not run: the program already timed out on ${budget.timeouts} other inputs`,
      kind: 'timeout',
    };
  }

  private failure(outcome: RunOutcome, budget: { timeouts: number }): JqResult {
    if ('timeout' in outcome) {
      budget.timeouts++;
      return {
        error: `no result within ${this.timeoutMs} ms`,
        kind: 'timeout',
      };
    }
    if ('crash' in outcome) {
      return { error: outcome.crash, kind: 'runtime' };
    }
    if ('jqError' in outcome) {
      return { error: cleanJqMessage(outcome.jqError), kind: 'runtime' };
    }
    return {
      error:
        'the program does not give one answer per input (does it close more parentheses than it opens?)',
      kind: 'runtime',
    };
  }

  private rememberCompileError(text: string, message: string, program: string) {
    if (this.compileErrors.size >= COMPILE_ERROR_CACHE) {
      const oldest = this.compileErrors.keys().next().value;
      if (oldest !== undefined) this.compileErrors.delete(oldest);
    }
    this.compileErrors.set(text, message);
    this.logger?.warn(`jq program does not compile: ${message}`, { program });
  }
}

function positive(value: number | undefined, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0
    ? value
    : fallback;
}

/**
 * Creates a jq engine: the native binding (@port-labs/jq-node-bindings, jq
 * 1.6, in a child process) when it loads, else jq-web (jq 1.7 in
 * WebAssembly, in a worker thread). `engine.name` and `engine.description`
 * say which, and why; a `logger` is told at once. Both engines run Port's
 * dialect (single-quoted strings), without access to the environment, and
 * give the program's first output.
 *
 * @example
 * ```ts
 * const engine = createJqEngine({ timeoutMs: 500, logger });
 * await engine.evaluate("'https://slack.com/' + .identifier", {
 *   identifier: 'cart',
 * }); // { value: 'https://slack.com/cart' }
 * await engine.evaluate('[range(1e9)] | length', null);
 * // { error: 'no result within 500 ms', kind: 'timeout' }
 * ```
 * @public
 */
export function createJqEngine(options: JqEngineOptions = {}): JqEngine {
  const prefer = options.prefer ?? 'native';
  const wasm = findWasmBackend();
  let fallbackReason: string | undefined;
  let chosen: Backend = wasm;
  if (prefer === 'native') {
    const native = findNativeBackend();
    if ('modulePath' in native) {
      chosen = native;
    } else {
      fallbackReason = native.unavailable;
    }
  } else {
    fallbackReason = 'the WebAssembly engine was asked for';
  }
  if (!('modulePath' in chosen)) {
    throw new Error(`No jq engine is available: ${chosen.unavailable}`);
  }
  const engine = new IsolatedJqEngine(chosen, fallbackReason, options);
  options.logger?.info(`jq engine: ${engine.name} — ${engine.description}`);
  return engine;
}
