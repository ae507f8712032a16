import type { LoggerService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import type { JsonObject, JsonValue } from '@backstage/types';
import {
  checkSecretOutputs,
  type ResourceDriver,
  type ResourceDriverRequest,
  type ResourceDriverResult,
} from '@plinth/plugin-orchestrator-node';
import { spawn } from 'node:child_process';
import { isAbsolute } from 'node:path';
import { z } from 'zod/v4';
import { ALL_RESOURCE_TYPES } from './templateDriver';

/** Where the command driver is configured. */
export const COMMAND_CONFIG_KEY = 'plinth.orchestrator.drivers.command';

/** How long a command may run unless configured otherwise. */
export const DEFAULT_COMMAND_TIMEOUT_SECONDS = 300;

/** How long a stopped command has between SIGTERM and SIGKILL. */
const KILL_GRACE_MS = 5_000;

/** How much of stdout, and of the end of stderr, is kept. */
const MAX_OUTPUT_BYTES = 1024 * 1024;

/** How many of stderr's last lines an error shows. */
const ERROR_LINES = 20;

/**
 * The backend's environment variables every command gets (when set); the
 * rest — database passwords, the secret box's keys — stay in the backend
 * unless `passEnvironment` names them.
 */
const BASE_ENVIRONMENT = ['PATH', 'HOME', 'LANG', 'LC_ALL', 'TZ', 'TMPDIR'];

/**
 * What the command driver may run, and for how long.
 * @public
 */
export interface CommandDriverOptions {
  /**
   * The absolute paths of the executables resource definitions may name;
   * a definition made through the API runs nothing else.
   */
  allowedCommands: string[];
  /** How long a command may run, unless its definition says; 300. */
  timeoutSeconds?: number;
  /** More of the backend's environment variables the commands get. */
  passEnvironment?: string[];
}

const commandInputs = z.object({
  command: z.string({
    error: `must be the absolute path of one of ${COMMAND_CONFIG_KEY}.allowedCommands`,
  }),
  args: z.array(z.string(), { error: 'must be a list of texts' }).optional(),
  timeoutSeconds: z
    .number({ error: 'must be a number of seconds' })
    .positive({ error: 'must be a number of seconds above 0' })
    .optional(),
});

const outputValues = z.record(
  z.string(),
  z
    .union([z.string(), z.number(), z.boolean()], {
      error: 'must be a text, a number or a boolean',
    })
    .transform(String),
  { error: 'must be a map of names to values' },
);

const commandResult = z.strictObject(
  {
    outputs: outputValues.optional(),
    secrets: outputValues.optional(),
    state: z
      .record(z.string(), z.json(), { error: 'must be a map' })
      .optional(),
  },
  {
    error: issue =>
      issue.code === 'unrecognized_keys'
        ? `has keys other than outputs, secrets and state: ${issue.keys.join(
            ', ',
          )}`
        : 'must be a map',
  },
);

/** Every text in a JSON value. */
function textsOf(value: JsonValue | undefined): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value === 'number' || typeof value === 'boolean') {
    return [String(value)];
  }
  if (Array.isArray(value)) return value.flatMap(textsOf);
  if (value && typeof value === 'object') {
    return Object.values(value).flatMap(textsOf);
  }
  return [];
}

/** Replaces each secret, as written and as JSON writes it, with `***`. */
function scrubberOf(secrets: Iterable<string>): (text: string) => string {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (!secret) continue;
    forms.add(secret);
    forms.add(JSON.stringify(secret).slice(1, -1));
  }
  const longestFirst = [...forms].sort((a, b) => b.length - a.length);
  return text =>
    longestFirst.reduce((out, secret) => out.split(secret).join('***'), text);
}

/** The secrets of a request: secret inputs and dependencies' secrets. */
function requestSecrets(request: ResourceDriverRequest): string[] {
  return [
    ...request.secretInputs.flatMap(name => textsOf(request.inputs[name])),
    ...Object.values(request.dependencies).flatMap(dependency =>
      Object.values(dependency.secrets),
    ),
  ];
}

/** The end of a stream, at most `limit` bytes. */
class Tail {
  private chunks: Buffer[] = [];
  private bytes = 0;
  dropped = false;

  constructor(private readonly limit: number) {}

  push(chunk: Buffer) {
    this.chunks.push(chunk);
    this.bytes += chunk.length;
    while (this.bytes > this.limit && this.chunks.length > 1) {
      this.bytes -= this.chunks.shift()!.length;
      this.dropped = true;
    }
  }

  text(): string {
    const all = Buffer.concat(this.chunks);
    if (all.length <= this.limit) return all.toString('utf8');
    this.dropped = true;
    return all.subarray(all.length - this.limit).toString('utf8');
  }
}

interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stopped?: 'timeout' | 'abort' | 'overflow';
  stdout: string;
  stderr: Tail;
}

/**
 * Runs an executable without a shell, in a process group of its own, so
 * what it starts is stopped with it: SIGTERM when time is up, the run is
 * cancelled or stdout overflows, SIGKILL 5 s later.
 */
function run(
  command: string,
  args: string[],
  stdin: string,
  options: {
    timeoutMs: number;
    signal: AbortSignal;
    env: NodeJS.ProcessEnv;
  },
): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      shell: false,
      detached: true,
      env: options.env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const stdout: Buffer[] = [];
    let stdoutBytes = 0;
    const stderr = new Tail(MAX_OUTPUT_BYTES);
    let stopped: Finished['stopped'];
    let killTimer: NodeJS.Timeout | undefined;
    let settled = false;

    const signalGroup = (signal: NodeJS.Signals) => {
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, signal);
      } catch {
        // The group is gone already.
      }
    };
    const stop = (why: NonNullable<Finished['stopped']>) => {
      if (stopped) return;
      stopped = why;
      signalGroup('SIGTERM');
      killTimer = setTimeout(() => signalGroup('SIGKILL'), KILL_GRACE_MS);
    };
    const timer = setTimeout(() => stop('timeout'), options.timeoutMs);
    const onAbort = () => stop('abort');
    options.signal.addEventListener('abort', onAbort, { once: true });
    const finish = () => {
      settled = true;
      clearTimeout(timer);
      clearTimeout(killTimer);
      options.signal.removeEventListener('abort', onAbort);
    };

    child.stdout.on('data', (chunk: Buffer) => {
      stdoutBytes += chunk.length;
      if (stdoutBytes > MAX_OUTPUT_BYTES) stop('overflow');
      else stdout.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    // A command that exits without reading its stdin closes the pipe.
    child.stdin.on('error', () => {});
    child.stdin.end(stdin);

    child.on('error', error => {
      if (settled) return;
      finish();
      signalGroup('SIGKILL');
      reject(error);
    });
    child.on('close', (code, signal) => {
      if (settled) return;
      finish();
      // Whatever of the group outlived a stopped command goes with it.
      if (stopped) signalGroup('SIGKILL');
      resolve({
        code,
        signal,
        stopped,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr,
      });
    });
  });
}

/** The last lines of a text, scrubbed, indented under a sentence. */
function lastLines(text: string, scrub: (text: string) => string): string {
  const lines = scrub(text).replace(/\s+$/, '').split('\n');
  if (lines.length === 1 && lines[0] === '') return ' Its stderr is empty.';
  return ` The last lines of its stderr:\n${lines
    .slice(-ERROR_LINES)
    .map(line => `  ${line}`)
    .join('\n')}`;
}

function environmentOf(names: string[]): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const name of [...BASE_ENVIRONMENT, ...names]) {
    if (process.env[name] !== undefined) env[name] = process.env[name];
  }
  return env;
}

/**
 * The `command` driver: runs one of the configured executables to
 * provision or delete a resource of any type — a Terraform wrapper, a
 * script. Resource definitions name the executable (`command`, an
 * absolute path listed in
 * `plinth.orchestrator.drivers.command.allowedCommands`), its `args` and
 * optionally `timeoutSeconds`.
 *
 * It runs without a shell, and reads on stdin
 * `{action: 'provision' | 'deprovision', key, type, class, params, app,
 * environment, inputs, secretInputs, dependencies, state?}` (`state` on
 * deprovision: what provisioning printed). Provisioning prints
 * `{outputs?, secrets?, state?}` on stdout and exits 0; deprovisioning
 * exits 0 (its stdout is not read). A command that runs longer than its
 * timeout (300 s unless configured), or whose run is cancelled, gets
 * SIGTERM and 5 s later SIGKILL, with whatever it started. Errors show the
 * exit code and the last 20 lines of stderr, and stderr is logged at debug
 * level, every secret (secret inputs, dependencies' secrets, secret
 * outputs) replaced by `***`. Commands get only `PATH`, `HOME`, `LANG`,
 * `LC_ALL`, `TZ`, `TMPDIR` and the variables `passEnvironment` names from
 * the backend's environment.
 *
 * Both operations must be idempotent, as for every driver: the command
 * finds what an earlier run made by `key`.
 * @public
 */
export function createCommandDriver(
  options: CommandDriverOptions,
  logger?: LoggerService,
): ResourceDriver {
  for (const command of options.allowedCommands) {
    if (!isAbsolute(command)) {
      throw new Error(
        `${COMMAND_CONFIG_KEY}.allowedCommands must list absolute paths; "${command}" is not one`,
      );
    }
  }
  const allowed = new Set(options.allowedCommands);
  const defaultTimeout =
    options.timeoutSeconds ?? DEFAULT_COMMAND_TIMEOUT_SECONDS;
  if (!(defaultTimeout > 0)) {
    throw new Error(
      `${COMMAND_CONFIG_KEY}.timeoutSeconds must be a number of seconds above 0`,
    );
  }
  const env = environmentOf(options.passEnvironment ?? []);
  if (allowed.size === 0) {
    logger?.info(
      `The command driver runs no command: ${COMMAND_CONFIG_KEY}.allowedCommands lists none`,
    );
  }

  async function execute(
    request: ResourceDriverRequest,
    action: 'provision' | 'deprovision',
    state?: JsonObject,
  ): Promise<ResourceDriverResult> {
    const baseScrub = scrubberOf(requestSecrets(request));
    const parsed = commandInputs.safeParse(request.inputs);
    if (!parsed.success) {
      const problems = parsed.error.issues.map(
        issue => `input ${issue.path.map(String).join('.')} ${issue.message}`,
      );
      throw new InputError(
        baseScrub(
          `Resource "${request.key}": the command driver's ${problems.join(
            '; ',
          )}.`,
        ),
      );
    }
    const { command, args = [] } = parsed.data;
    const timeoutSeconds = parsed.data.timeoutSeconds ?? defaultTimeout;
    const named = `the command ${JSON.stringify(baseScrub(command))}`;
    if (!allowed.has(command)) {
      throw new InputError(
        `Resource "${request.key}": ${named} is not one of ${COMMAND_CONFIG_KEY}.allowedCommands, so it may not run; an administrator lists the absolute paths of the commands resource definitions may run there.`,
      );
    }
    if (request.signal.aborted) {
      throw new InputError(
        `Resource "${request.key}": ${named} did not run: the run was cancelled.`,
      );
    }

    const stdin = JSON.stringify({
      action,
      key: request.key,
      type: request.type,
      class: request.class,
      params: request.params,
      app: request.app,
      environment: request.environment,
      inputs: request.inputs,
      secretInputs: request.secretInputs,
      dependencies: request.dependencies,
      ...(state ? { state } : {}),
    });
    let finished: Finished;
    try {
      finished = await run(command, args, stdin, {
        timeoutMs: timeoutSeconds * 1000,
        signal: request.signal,
        env,
      });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new InputError(
        `Resource "${request.key}": ${named} could not be started (${
          code ?? 'unknown error'
        }); it must be an executable file.`,
      );
    }

    // Secret outputs are scrubbed too, when stdout says which they are.
    let printed: unknown;
    try {
      printed = JSON.parse(finished.stdout);
    } catch {
      printed = undefined;
    }
    const printedSecrets =
      printed && typeof printed === 'object' && 'secrets' in printed
        ? textsOf((printed as { secrets?: JsonValue }).secrets)
        : [];
    const scrub = scrubberOf([...requestSecrets(request), ...printedSecrets]);

    const stderr = finished.stderr.text();
    if (finished.stderr.dropped) {
      request.logger.debug(
        `${named} for ${request.key} wrote more than 1 MiB on stderr; its beginning is not logged`,
      );
    }
    for (const line of stderr.replace(/\n$/, '').split('\n')) {
      if (line) request.logger.debug(`${command}: ${scrub(line)}`);
    }

    const failed = (sentence: string) =>
      new InputError(
        `Resource "${
          request.key
        }": ${named} ${sentence} while running ${action}.${lastLines(
          stderr,
          scrub,
        )}`,
      );
    if (finished.stopped === 'timeout') {
      throw failed(
        `timed out after ${timeoutSeconds} s and was stopped (${COMMAND_CONFIG_KEY}.timeoutSeconds, or the input timeoutSeconds, sets how long it may run)`,
      );
    }
    if (finished.stopped === 'abort') {
      throw failed('was stopped: the run was cancelled');
    }
    if (finished.stopped === 'overflow') {
      throw failed('printed more than 1 MiB on stdout and was stopped');
    }
    if (finished.code !== 0) {
      throw failed(
        finished.code === null
          ? `was killed by ${finished.signal}`
          : `exited with code ${finished.code}`,
      );
    }
    if (action === 'deprovision')
      return { outputs: {}, secrets: {}, state: {} };

    if (printed === undefined) {
      throw new InputError(
        `Resource "${request.key}": ${named} exited 0 but ${
          finished.stdout.trim() ? 'did not print JSON' : 'printed nothing'
        } on stdout; it must print {"outputs": {…}, "secrets": {…}, "state": {…}} (each optional).`,
      );
    }
    const result = commandResult.safeParse(printed);
    if (!result.success) {
      const problems = result.error.issues.map(issue =>
        issue.path.length
          ? `${issue.path.map(String).join('.')} ${issue.message}`
          : `its JSON ${issue.message}`,
      );
      throw new InputError(
        scrub(
          `Resource "${
            request.key
          }": ${named} printed JSON on stdout that is not {"outputs": {…}, "secrets": {…}, "state": {…}}: ${problems.join(
            '; ',
          )}.`,
        ),
      );
    }
    const outputs = result.data.outputs ?? {};
    const secrets = result.data.secrets ?? {};
    checkSecretOutputs(request, outputs, secrets, named);
    return {
      outputs,
      secrets,
      state: (result.data.state ?? {}) as JsonObject,
    };
  }

  return {
    id: 'command',
    resourceTypes: [...ALL_RESOURCE_TYPES],
    provision: request => execute(request, 'provision'),
    async deprovision(request) {
      await execute(request, 'deprovision', request.state);
    },
  };
}
