/*
 * Where the two jq implementations are, and the code that runs each of them
 * away from the caller's thread:
 * - native: @port-labs/jq-node-bindings (jq 1.6 in a C++ addon). Optional;
 *   it is built at install time and needs autoconf, automake and libtool.
 *   It runs in a child process, not a worker thread: native code cannot be
 *   interrupted (`Worker.terminate()` waits for it forever, so a looping
 *   program would keep a thread and the process alive), and jq 1.6 aborts
 *   or crashes on some programs (`[-1] | implode` fails an assertion), which
 *   would take the whole backend down with it.
 * - wasm: jq-web (jq 1.7, compiled to WebAssembly). Always there. It runs
 *   in a worker thread: V8 interrupts WebAssembly loops, so `terminate()`
 *   ends a runaway program at once, and a WebAssembly trap is an exception.
 *
 * The code is given as text (not a file next to this one) so that it works
 * the same from sources, from a bundled `dist`, and under jest.
 */

import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * Which jq implementation an engine runs.
 * @public
 */
export type JqEngineName = 'native' | 'wasm';

/** What a worker answers to one job. */
export type WorkerReply =
  | { id: number; output: string }
  | { id: number; jqError: string; compile: boolean }
  | { id: number; fatal: string };

/** A loaded implementation, or why it is not available. */
export type Backend =
  | {
      name: JqEngineName;
      modulePath: string;
      version: string;
      description: string;
    }
  | { name: JqEngineName; unavailable: string };

function packageVersion(packageJsonPath: string): string {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return String(require(packageJsonPath).version).replace(/^v/, '');
  } catch {
    return 'unknown';
  }
}

let nativeBackend: Backend | undefined;

/**
 * The native addon, when it is installed and loads in this process (it is
 * loaded once here only to find out; it runs in a child process).
 */
export function findNativeBackend(): Backend {
  if (!nativeBackend) {
    try {
      const packageJson = require.resolve(
        '@port-labs/jq-node-bindings/package.json',
      );
      // The addon itself, found as the package finds it, without the
      // package's wrapper (which rewrites quotes in the whole program text).
      const bindings = createRequire(packageJson)('bindings');
      const modulePath: string = bindings({
        bindings: 'jq-node-bindings',
        module_root: dirname(packageJson),
        path: true,
      });
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const addon = require(modulePath);
      if (typeof addon.exec !== 'function') {
        throw new Error('the addon has no exec function');
      }
      const version = packageVersion(packageJson);
      nativeBackend = {
        name: 'native',
        modulePath,
        version,
        description: `jq 1.6 through @port-labs/jq-node-bindings ${version}, in a child process`,
      };
    } catch (error) {
      nativeBackend = {
        name: 'native',
        unavailable: `@port-labs/jq-node-bindings does not load (${
          (error as Error)?.message?.split('\n')[0] ?? error
        })`,
      };
    }
  }
  return nativeBackend;
}

/** jq-web, a dependency of this package. */
export function findWasmBackend(): Backend {
  try {
    const modulePath = require.resolve('jq-web');
    const version = packageVersion(join(dirname(modulePath), 'package.json'));
    return {
      name: 'wasm',
      modulePath,
      version,
      description: `jq 1.7 through jq-web ${version} (WebAssembly), in a worker thread`,
    };
  } catch (error) {
    return {
      name: 'wasm',
      unavailable: `jq-web cannot be found (${(error as Error)?.message})`,
    };
  }
}

/**
 * The child process of the native engine: loads the addon, runs the program
 * on each input of `{ id, program, inputs }` (the addon keeps compiled
 * programs) and answers with the JSON array of their (single, string)
 * outputs, `[]` for an input without output. The addon reports a compile
 * error as `jq: compile error: ...`.
 */
export const NATIVE_CHILD_SOURCE = `
'use strict';
process.on('disconnect', () => process.exit(0));
let addon;
try {
  addon = require(process.argv[process.argv.length - 1]);
} catch (error) {
  process.send({ type: 'failed', message: String((error && error.message) || error) });
  process.exit(1);
}
process.on('message', ({ id, program, inputs }) => {
  const outputs = [];
  for (const input of inputs) {
    try {
      const result = addon.exec(input, program);
      outputs.push(result && typeof result.value === 'string' ? result.value : '[]');
    } catch (error) {
      const message = String((error && error.message) || error);
      if (message.startsWith('jq: compile error')) {
        process.send({ id, jqError: message, compile: true });
        return;
      }
      outputs.push(JSON.stringify({ error: message.replace(/^jq: error: /, '') }));
    }
  }
  process.send({ id, output: '[' + outputs.join(',') + ']' });
});
process.send({ type: 'ready' });
`;

/**
 * The worker thread of the wasm engine: loads jq-web and runs the program
 * once on the array of the inputs of `{ id, program, inputs }`, answering
 * with jq's raw output. jq exits with 3 on a compile error; anything thrown
 * without an exit code is a WebAssembly trap, after which the module cannot
 * be trusted: the worker reports it and ends.
 */
export const WASM_WORKER_SOURCE = `
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
require(workerData.modulePath).then(
  jq => {
    parentPort.on('message', ({ id, program, inputs }) => {
      try {
        const output = jq.raw('[' + inputs.join(',') + ']', program, ['-r']);
        parentPort.postMessage({ id, output: output === undefined ? '' : output });
      } catch (error) {
        const message = String((error && error.message) || error);
        if (error && typeof error.exitCode === 'number') {
          parentPort.postMessage({ id, jqError: message, compile: error.exitCode === 3 });
        } else {
          parentPort.postMessage({ id, fatal: message });
          process.exit(1);
        }
      }
    });
    parentPort.postMessage({ type: 'ready' });
  },
  error => {
    parentPort.postMessage({ type: 'failed', message: String((error && error.message) || error) });
  },
);
`;
