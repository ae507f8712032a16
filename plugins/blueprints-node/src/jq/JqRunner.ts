import { ChildProcess, spawn } from 'node:child_process';
import { Worker } from 'node:worker_threads';
import {
  Backend,
  NATIVE_CHILD_SOURCE,
  WASM_WORKER_SOURCE,
  WorkerReply,
} from './backends';

/** How one run ended. */
export type RunOutcome =
  | { output: string }
  | { jqError: string; compile: boolean }
  | { timeout: true }
  | { crash: string };

/** The part of a worker thread or a child process the runner uses. */
interface Channel {
  send(message: unknown): void;
  kill(): void;
  ref(): void;
  unref(): void;
}

interface Pending {
  id: number;
  resolve(outcome: RunOutcome): void;
  timer?: ReturnType<typeof setTimeout>;
}

/** How long a worker may take to load jq before it counts as broken. */
const START_TIMEOUT_MS = 60_000;
/** The tail of a child's stderr kept for a crash message (jq's assertion). */
const STDERR_TAIL = 2_000;

/**
 * One isolated jq: a worker thread (wasm) or a child process (native) that
 * runs one job at a time under a time limit. A job that overruns its limit,
 * or a worker that dies, ends the worker; the next job starts a fresh one.
 * The caller runs one job at a time. The worker does not keep the process
 * alive while idle.
 */
export class JqRunner {
  private worker?: { channel: Channel; ready: Promise<string | undefined> };
  private pending?: Pending;
  private nextId = 1;
  private stderr = '';

  constructor(
    private readonly backend: Extract<Backend, { modulePath: string }>,
  ) {}

  /**
   * Runs `program` on the inputs (JSON texts) within `timeoutMs` (the start
   * of a worker not included): the wasm worker once on their array, the
   * native child on each.
   */
  async run(
    program: string,
    inputs: string[],
    timeoutMs: number,
  ): Promise<RunOutcome> {
    const worker = this.start();
    const failure = await worker.ready;
    if (failure !== undefined) {
      return { crash: failure };
    }
    if (this.worker !== worker) {
      return { crash: 'the jq worker stopped' };
    }
    return new Promise<RunOutcome>(resolve => {
      const id = this.nextId++;
      const pending: Pending = { id, resolve };
      pending.timer = setTimeout(() => {
        this.stop();
        this.settle({ timeout: true });
      }, timeoutMs);
      this.pending = pending;
      worker.channel.ref();
      worker.channel.send({ id, program, inputs });
    });
  }

  /** Ends the worker, if any; a later run starts a new one. */
  close() {
    this.stop();
    this.settle({ crash: 'the jq engine was closed' });
  }

  private settle(outcome: RunOutcome) {
    const pending = this.pending;
    if (!pending) return;
    this.pending = undefined;
    clearTimeout(pending.timer);
    this.worker?.channel.unref();
    pending.resolve(outcome);
  }

  private stop() {
    const worker = this.worker;
    this.worker = undefined;
    worker?.channel.kill();
  }

  private onReply(reply: WorkerReply) {
    if (!this.pending || reply.id !== this.pending.id) return;
    if ('output' in reply) {
      this.settle({ output: reply.output });
    } else if ('jqError' in reply) {
      this.settle({ jqError: reply.jqError, compile: reply.compile });
    } else {
      this.stop();
      this.settle({ crash: reply.fatal });
    }
  }

  private start(): { channel: Channel; ready: Promise<string | undefined> } {
    if (this.worker) return this.worker;
    let markReady: (failure?: string) => void = () => {};
    const ready = new Promise<string | undefined>(resolve => {
      markReady = resolve;
    });
    let started = false;
    // Set once spawned; the callbacks below only run after that.
    const spawned: { channel?: Channel } = {};
    const timer = setTimeout(() => {
      this.stop();
      markReady(`the jq worker did not start within ${START_TIMEOUT_MS} ms`);
    }, START_TIMEOUT_MS);
    const onMessage = (message: any) => {
      if (started) {
        this.onReply(message as WorkerReply);
      } else if (message?.type === 'ready') {
        started = true;
        clearTimeout(timer);
        spawned.channel?.unref();
        markReady(undefined);
      } else if (message?.type === 'failed') {
        clearTimeout(timer);
        this.stop();
        markReady(`the jq worker could not load jq: ${message.message}`);
      }
    };
    // A worker that dies: the job it ran fails, the next job starts another.
    const onExit = (how: string) => {
      clearTimeout(timer);
      if (spawned.channel && this.worker?.channel === spawned.channel) {
        this.worker = undefined;
      }
      const tail = this.stderr.trim().split('\n').pop();
      const reason = tail ? `${how}: ${tail}` : how;
      if (!started) {
        markReady(`the jq worker could not start (${reason})`);
      } else {
        this.settle({ crash: reason });
      }
    };
    this.stderr = '';
    const channel =
      this.backend.name === 'native'
        ? this.spawnChild(onMessage, onExit)
        : this.spawnThread(onMessage, onExit);
    spawned.channel = channel;
    this.worker = { channel, ready };
    return this.worker;
  }

  private spawnChild(
    onMessage: (message: unknown) => void,
    onExit: (how: string) => void,
  ): Channel {
    // No environment: jq programs must not see the backend's variables
    // (the prelude hides `env` too); only the time zone, for local times.
    const env: NodeJS.ProcessEnv = {};
    if (process.env.TZ) env.TZ = process.env.TZ;
    const child: ChildProcess = spawn(
      process.execPath,
      ['-e', NATIVE_CHILD_SOURCE, this.backend.modulePath],
      {
        stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
        serialization: 'advanced',
        env,
      },
    );
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (text: string) => {
      this.stderr = (this.stderr + text).slice(-STDERR_TAIL);
    });
    child.on('message', onMessage);
    child.on('error', error =>
      onExit(`the jq process failed: ${error.message}`),
    );
    // 'close', not 'exit': after stderr has been read, for jq's last words.
    child.on('close', (code, signal) =>
      onExit(
        signal
          ? `jq crashed (${signal})`
          : `the jq process exited with code ${code}`,
      ),
    );
    const handles = () =>
      [child, child.channel, child.stderr] as Array<
        { ref?(): void; unref?(): void } | null | undefined
      >;
    return {
      send: message => child.send(message as any),
      kill: () => {
        child.removeAllListeners('close');
        child.removeAllListeners('error');
        child.kill('SIGKILL');
      },
      ref: () => handles().forEach(h => h?.ref?.()),
      unref: () => handles().forEach(h => h?.unref?.()),
    };
  }

  private spawnThread(
    onMessage: (message: unknown) => void,
    onExit: (how: string) => void,
  ): Channel {
    const worker = new Worker(WASM_WORKER_SOURCE, {
      eval: true,
      workerData: { modulePath: this.backend.modulePath },
      env: {},
    });
    worker.on('message', onMessage);
    worker.on('error', (error: Error) =>
      onExit(`the jq worker failed: ${error?.message ?? error}`),
    );
    worker.on('exit', code => onExit(`the jq worker exited with code ${code}`));
    return {
      send: message => worker.postMessage(message),
      kill: () => {
        worker.removeAllListeners('exit');
        worker.removeAllListeners('error');
        worker.terminate().catch(() => {});
      },
      ref: () => worker.ref(),
      unref: () => worker.unref(),
    };
  }
}
