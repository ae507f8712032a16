import type { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError, InputError } from '@backstage/errors';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { lstat, mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import {
  appName,
  checkFileName,
  checkTemplate,
  fillTemplate,
  oneLine,
} from './gitPaths';

/**
 * Where the environment's files go unless configured otherwise.
 * @public
 */
export const DEFAULT_GITOPS_PATH_TEMPLATE = 'apps/{app}/{environment}';

/**
 * How long one git command may run unless configured otherwise.
 * @public
 */
export const DEFAULT_GITOPS_TIMEOUT_MS = 120_000;

/** How many times a push is tried before the delivery fails. */
const PUSH_ATTEMPTS = 5;

/** The first backoff between push attempts; it grows with each attempt. */
const BACKOFF_MS = 200;

/** How much output a git command may print. */
const MAX_OUTPUT_BYTES = 16 * 1024 * 1024;

/** How many of stderr's last lines an error shows. */
const ERROR_LINES = 10;

/**
 * The backend's environment variables git gets (when set): enough to find
 * its configuration, an SSH agent and a proxy; nothing else of the backend.
 */
const BASE_ENVIRONMENT = [
  'PATH',
  'HOME',
  'LANG',
  'LC_ALL',
  'TZ',
  'TMPDIR',
  'SSH_AUTH_SOCK',
  'GIT_SSH_COMMAND',
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'NO_PROXY',
  'http_proxy',
  'https_proxy',
  'no_proxy',
];

/**
 * Where and as whom the GitOps delivery commits.
 * @public
 */
export interface GitOpsDeliveryOptions {
  /**
   * The repository: an `https://`, `ssh://`, `git@host:path`, `file://`
   * URL or a local path. Credentials in it (`https://user:token@host/…`)
   * are used but never shown in errors or logs, and never written to the
   * clone's configuration.
   */
  repositoryUrl: string;
  /** The branch delivered to; `main`. Made when the repository lacks it. */
  branch?: string;
  /**
   * Where an environment's files go in the repository, with the tokens
   * `{app}` (the app's entity name) and `{environment}` (the environment
   * id); `apps/{app}/{environment}`. Each of its `/`-separated segments,
   * once filled, may contain only `a-z`, `0-9`, `.`, `_` and `-`.
   */
  pathTemplate?: string;
  /** The author and committer of the delivery's commits. */
  author: { name: string; email: string };
  /**
   * A folder for the clones, one per repository; they are reused across
   * deliveries, and made again when removed.
   */
  workDir: string;
  /** Where progress is logged. */
  logger: LoggerService;
  /** How long one git command may run; 120 000 ms. */
  timeoutMs?: number;
}

/**
 * One delivery: the whole set of an app's files for one environment.
 * @public
 */
export interface GitOpsDeliveryRequest {
  /** The app: an entity ref (`component:default/cartservice`) or name. */
  app: string;
  /** The environment id, such as `development`. */
  environment: string;
  /** The deployment, named in the commit message. */
  deploymentId: string;
  /** Who asked for the deployment, named in the commit message. */
  requestedBy: string;
  /**
   * The environment's files: names relative to the environment's folder
   * (`deployment-cart.yaml`, `base/service.yaml`) to their content. The
   * folder ends up holding exactly these: files not in the set are
   * deleted, which is how GitOps tools prune objects.
   */
  files: Record<string, string>;
}

/**
 * What a delivery did.
 * @public
 */
export interface GitOpsDeliveryResult {
  /**
   * The commit on the remote branch that holds the files: the new one, or
   * the branch's head when nothing changed (empty when the branch does not
   * exist and there was nothing to commit).
   */
  commit: string;
  /** The environment's folder in the repository. */
  path: string;
  /** Whether a commit was made. */
  changed: boolean;
}

/**
 * Delivers environments' files to a Git repository.
 * @public
 */
export interface GitOpsDelivery {
  /**
   * Replaces the environment's folder with the request's files, commits
   * and pushes; see {@link createGitOpsDelivery}.
   */
  deliver(request: GitOpsDeliveryRequest): Promise<GitOpsDeliveryResult>;
  /** Whether a commit is on the remote branch (its head or an ancestor). */
  isOnRemote(commit: string): Promise<boolean>;
}

/**
 * The repository URL without credentials: `https://user:token@host/x`
 * becomes `https://host/x`.
 * @public
 */
export function redactRepositoryUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.username || parsed.password) {
      parsed.username = '';
      parsed.password = '';
      return parsed.toString();
    }
    return url;
  } catch {
    return url.replace(/\/\/[^/@\s]*@/g, '//');
  }
}

/** Replaces the URL's credentials, in any form, in a text. */
function scrubberOf(url: string): (text: string) => string {
  const secrets = new Set<string>();
  try {
    const parsed = new URL(url);
    for (const part of [parsed.username, parsed.password]) {
      // Short ones would blot out ordinary words; the URL forms catch them.
      if (part.length < 6) continue;
      secrets.add(part);
      try {
        secrets.add(decodeURIComponent(part));
      } catch {
        // Not percent-encoded text.
      }
    }
  } catch {
    // Not a URL with credentials.
  }
  const safe = redactRepositoryUrl(url);
  const longestFirst = [...secrets].sort((a, b) => b.length - a.length);
  return text => {
    let out = text.split(url).join(safe);
    out = out.replace(/:\/\/[^/@\s'"]*@/g, '://');
    return longestFirst.reduce(
      (scrubbed, secret) => scrubbed.split(secret).join('***'),
      out,
    );
  };
}

/** A git command that exited other than 0. */
class GitCommandError extends Error {
  constructor(
    message: string,
    readonly exitCode: number | null,
    readonly stderr: string,
  ) {
    super(message);
    this.name = 'GitCommandError';
  }
}

interface GitOutput {
  code: number;
  stdout: string;
  stderr: string;
}

/** The deliveries running on each clone in this process, one at a time. */
const queues = new Map<string, Promise<unknown>>();

/** Runs `task` after everything queued for `key` before it. */
function enqueue<T>(key: string, task: () => Promise<T>): Promise<T> {
  const previous = queues.get(key) ?? Promise.resolve();
  const result = previous.then(task, task);
  const settled = result.then(
    () => undefined,
    () => undefined,
  );
  queues.set(key, settled);
  settled.then(() => {
    if (queues.get(key) === settled) queues.delete(key);
  });
  return result;
}

/** Control characters and line breaks become spaces. */
/** Whether git said a push was refused because the branch moved. */
function isRaceRejection(stderr: string): boolean {
  return /\[rejected\]|non-fast-forward|fetch first|failed to update ref|cannot lock ref|incorrect old value|stale info/i.test(
    stderr,
  );
}

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/**
 * Makes the GitOps delivery of a repository: `deliver` writes an app's
 * files for one environment to a folder of the repository (by default
 * `apps/<app name>/<environment id>`) and pushes a commit
 * `Deploy <app> to <environment> (deployment <id>)`, with
 * `Requested by <requestedBy>` in its body, to the branch.
 *
 * It runs the machine's `git` without a shell, never prompting, each
 * command within `timeoutMs`. The repository is cloned once into
 * `workDir` (a folder per repository, named by a hash of its URL), then
 * fetched and hard-reset to the remote branch before each delivery; the
 * URL is passed to each fetch and push rather than stored in the clone.
 * Deliveries to the same clone in this process run one at a time. A push
 * refused because the branch moved (another replica's delivery) is
 * followed by a fetch, a rebase onto the remote branch (or, when the
 * rebase conflicts, the files written again on top of it) and another
 * push, up to 5 attempts in all; errors name the repository without its
 * credentials.
 *
 * @example
 * ```ts
 * const delivery = createGitOpsDelivery({
 *   repositoryUrl: 'https://git.example.com/platform/gitops.git',
 *   author: { name: 'Plinth', email: 'plinth@example.com' },
 *   workDir: '/var/cache/plinth/gitops',
 *   logger,
 * });
 * const { commit } = await delivery.deliver({
 *   app: 'component:default/cartservice',
 *   environment: 'development',
 *   deploymentId: 'd-123',
 *   requestedBy: 'user:default/jane',
 *   files: { 'deployment-cart.yaml': manifest },
 * });
 * ```
 * @public
 */
export function createGitOpsDelivery(
  options: GitOpsDeliveryOptions,
): GitOpsDelivery {
  const url = options.repositoryUrl;
  if (!url || url.startsWith('-')) {
    throw new InputError('The GitOps repository URL must be set');
  }
  const branch = options.branch ?? 'main';
  if (
    !/^[A-Za-z0-9._/-]+$/.test(branch) ||
    branch.startsWith('-') ||
    branch.startsWith('/') ||
    branch.endsWith('/') ||
    branch.endsWith('.lock') ||
    branch.includes('..') ||
    branch.includes('//')
  ) {
    throw new InputError(`The GitOps branch "${oneLine(branch)}" is not valid`);
  }
  const template = options.pathTemplate ?? DEFAULT_GITOPS_PATH_TEMPLATE;
  checkTemplate(template);
  const timeoutMs = options.timeoutMs ?? DEFAULT_GITOPS_TIMEOUT_MS;
  if (!(timeoutMs > 0)) {
    throw new InputError('The GitOps timeout must be above 0 ms');
  }
  const { logger } = options;
  const safeUrl = redactRepositoryUrl(url);
  const scrub = scrubberOf(url);
  const named = `the GitOps repository ${safeUrl} (branch ${branch})`;
  const clone = join(
    options.workDir,
    createHash('sha256').update(url).digest('hex').slice(0, 24),
  );
  const remoteRef = `refs/remotes/origin/${branch}`;

  const env: NodeJS.ProcessEnv = {};
  for (const name of BASE_ENVIRONMENT) {
    if (process.env[name] !== undefined) env[name] = process.env[name];
  }
  Object.assign(env, {
    GIT_TERMINAL_PROMPT: '0',
    GIT_AUTHOR_NAME: oneLine(options.author.name),
    GIT_AUTHOR_EMAIL: oneLine(options.author.email),
    GIT_COMMITTER_NAME: oneLine(options.author.name),
    GIT_COMMITTER_EMAIL: oneLine(options.author.email),
  });

  /** Runs git in the clone; throws on a non-zero exit unless allowed. */
  function git(
    args: string[],
    opts: { allowFailure?: boolean; cwd?: string } = {},
  ): Promise<GitOutput> {
    const fullArgs = [
      '-c',
      'commit.gpgsign=false',
      '-c',
      'core.hooksPath=/dev/null',
      ...args,
    ];
    return new Promise((resolve, reject) => {
      execFile(
        'git',
        fullArgs,
        {
          cwd: opts.cwd ?? clone,
          env,
          timeout: timeoutMs,
          killSignal: 'SIGKILL',
          maxBuffer: MAX_OUTPUT_BYTES,
          encoding: 'utf8',
          shell: false,
        },
        (error, stdout, stderr) => {
          if (!error) {
            resolve({ code: 0, stdout, stderr });
            return;
          }
          const failure = error as NodeJS.ErrnoException & {
            code?: number | string;
            killed?: boolean;
          };
          if (typeof failure.code === 'string') {
            reject(
              new Error(
                `Could not run git (${failure.code}) for ${named}; git must be installed on the backend's PATH`,
              ),
            );
            return;
          }
          if (failure.killed || failure.code === undefined) {
            reject(
              new GitCommandError(
                `git ${args[0]} for ${named} was stopped after ${timeoutMs} ms`,
                null,
                scrub(stderr),
              ),
            );
            return;
          }
          if (opts.allowFailure) {
            resolve({ code: Number(failure.code), stdout, stderr });
            return;
          }
          const lines = scrub(stderr)
            .replace(/\s+$/, '')
            .split('\n')
            .slice(-ERROR_LINES)
            .map(line => `  ${line}`)
            .join('\n');
          reject(
            new GitCommandError(
              `git ${args[0]} for ${named} exited with code ${failure.code}${
                lines.trim() ? `:\n${lines}` : ''
              }`,
              Number(failure.code),
              scrub(stderr),
            ),
          );
        },
      );
    });
  }

  /** The remote branch's head, or undefined when it does not exist. */
  async function remoteHead(): Promise<string | undefined> {
    await mkdir(options.workDir, { recursive: true });
    const { stdout } = await git(
      ['ls-remote', '--', url, `refs/heads/${branch}`],
      { cwd: options.workDir },
    );
    const line = stdout
      .split('\n')
      .find(l => l.endsWith(`\trefs/heads/${branch}`));
    return line?.split('\t')[0];
  }

  async function ensureClone() {
    await mkdir(options.workDir, { recursive: true });
    try {
      await lstat(join(clone, '.git'));
      return;
    } catch {
      // Not cloned yet, or the clone was removed.
    }
    await rm(clone, { recursive: true, force: true });
    await mkdir(clone, { recursive: true });
    await git(['init', '-q']);
    logger.info(`Made a clone of ${named} in ${clone}`);
  }

  /** Fetches the remote branch; false when it does not exist. */
  async function fetch(): Promise<boolean> {
    const tip = await remoteHead();
    if (!tip) return false;
    await git([
      'fetch',
      '-q',
      '--no-tags',
      '--',
      url,
      `+refs/heads/${branch}:${remoteRef}`,
    ]);
    return true;
  }

  /** Makes the clone's branch and working tree the remote branch's. */
  async function sync(): Promise<boolean> {
    await ensureClone();
    await git(['rebase', '--abort'], { allowFailure: true });
    const exists = await fetch();
    if (exists) {
      await git(['checkout', '-q', '-f', '-B', branch, remoteRef]);
      await git(['reset', '-q', '--hard', remoteRef]);
    } else {
      await git(['symbolic-ref', 'HEAD', `refs/heads/${branch}`]);
      await git(['update-ref', '-d', `refs/heads/${branch}`], {
        allowFailure: true,
      });
      await git(['update-ref', '-d', remoteRef], { allowFailure: true });
      await git(['read-tree', '--empty']);
    }
    await git(['clean', '-q', '-f', '-d', '-x']);
    return exists;
  }

  async function head(): Promise<string> {
    const { code, stdout } = await git(
      ['rev-parse', '-q', '--verify', 'HEAD'],
      {
        allowFailure: true,
      },
    );
    return code === 0 ? stdout.trim() : '';
  }

  /** Refuses to write through a symbolic link the repository holds. */
  async function checkNoLinks(path: string) {
    let current = clone;
    for (const segment of path.split('/')) {
      current = join(current, segment);
      try {
        if ((await lstat(current)).isSymbolicLink()) {
          throw new InputError(
            `${named} has a symbolic link at ${path}; the delivery does not write through it`,
          );
        }
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
        throw error;
      }
    }
  }

  /** Writes the files and commits them; whether a commit was made. */
  async function writeAndCommit(
    path: string,
    files: Record<string, string>,
    message: string,
  ): Promise<boolean> {
    await checkNoLinks(path);
    const folder = join(clone, path);
    await rm(folder, { recursive: true, force: true });
    for (const [name, content] of Object.entries(files)) {
      const file = join(folder, name);
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, content, 'utf8');
    }
    if (Object.keys(files).length > 0) {
      await git(['add', '-A', '--', path]);
    } else {
      // No files: the folder goes (git add refuses a path that is not there).
      await git(['rm', '-r', '-q', '--cached', '--ignore-unmatch', '--', path]);
    }
    const diff = await git(['diff', '--cached', '--quiet', '--', path], {
      allowFailure: true,
    });
    if (diff.code === 0) return false;
    if (diff.code !== 1) {
      throw new Error(`git diff for ${named} exited with code ${diff.code}`);
    }
    await git(['commit', '-q', '--no-verify', '-m', message, '--', path]);
    return true;
  }

  async function push(): Promise<{ ok: true } | { ok: false; stderr: string }> {
    const result = await git(
      ['push', '-q', '--', url, `HEAD:refs/heads/${branch}`],
      { allowFailure: true },
    );
    if (result.code === 0) return { ok: true };
    const stderr = scrub(result.stderr);
    if (isRaceRejection(stderr)) return { ok: false, stderr };
    const lines = stderr
      .replace(/\s+$/, '')
      .split('\n')
      .slice(-ERROR_LINES)
      .map(line => `  ${line}`)
      .join('\n');
    throw new GitCommandError(
      `git push to ${named} exited with code ${result.code}${
        lines.trim() ? `:\n${lines}` : ''
      }`,
      result.code,
      stderr,
    );
  }

  /**
   * After a refused push: the clone's commit moved onto the remote
   * branch, or, when that conflicts, the files written again on it.
   */
  async function catchUp(
    path: string,
    files: Record<string, string>,
    message: string,
  ): Promise<boolean> {
    const exists = await fetch();
    if (exists) {
      const rebase = await git(['rebase', '-q', remoteRef], {
        allowFailure: true,
      });
      if (rebase.code === 0) {
        const { stdout } = await git(['rev-parse', remoteRef]);
        return (await head()) !== stdout.trim();
      }
      logger.info(
        `The delivery's commit does not rebase cleanly onto ${named}; writing the files again on top of it`,
      );
    }
    await sync();
    return writeAndCommit(path, files, message);
  }

  async function deliverNow(
    request: GitOpsDeliveryRequest,
  ): Promise<GitOpsDeliveryResult> {
    const path = fillTemplate(template, {
      app: appName(request.app),
      environment: request.environment,
    });
    for (const name of Object.keys(request.files)) checkFileName(name);
    const message = `Deploy ${oneLine(request.app)} to ${oneLine(
      request.environment,
    )} (deployment ${oneLine(request.deploymentId)})\n\nRequested by ${oneLine(
      request.requestedBy,
    )}\n`;

    await sync();
    let changed = await writeAndCommit(path, request.files, message);
    if (!changed) {
      return { commit: await head(), path, changed: false };
    }
    let refusal = '';
    for (let attempt = 1; attempt <= PUSH_ATTEMPTS; attempt++) {
      const pushed = await push();
      if (pushed.ok) {
        const commit = await head();
        logger.info(
          `Delivered ${request.app} to ${request.environment} (deployment ${request.deploymentId}) as ${commit} in ${safeUrl} ${path}`,
        );
        return { commit, path, changed: true };
      }
      refusal = pushed.stderr;
      if (attempt === PUSH_ATTEMPTS) break;
      logger.debug(
        `The push to ${named} was refused because the branch moved (attempt ${attempt} of ${PUSH_ATTEMPTS}); catching up`,
      );
      await sleep(
        BACKOFF_MS * attempt + Math.floor(Math.random() * BACKOFF_MS),
      );
      changed = await catchUp(path, request.files, message);
      if (!changed) {
        return { commit: await head(), path, changed: false };
      }
    }
    throw new ConflictError(
      `Could not push the delivery of ${request.app} to ${
        request.environment
      } (deployment ${
        request.deploymentId
      }) to ${named}: the branch kept moving, ${PUSH_ATTEMPTS} pushes were refused. The last refusal:\n${refusal
        .replace(/\s+$/, '')
        .split('\n')
        .slice(-ERROR_LINES)
        .map(line => `  ${line}`)
        .join('\n')}`,
    );
  }

  return {
    deliver(request) {
      return enqueue(clone, () => deliverNow(request));
    },
    async isOnRemote(commit) {
      if (!/^[0-9a-f]{7,64}$/.test(commit)) {
        throw new InputError(`"${oneLine(commit)}" is not a commit id`);
      }
      const tip = await remoteHead();
      if (!tip) return false;
      if (tip === commit) return true;
      return enqueue(clone, async () => {
        await ensureClone();
        if (!(await fetch())) return false;
        const result = await git(
          ['merge-base', '--is-ancestor', commit, remoteRef],
          { allowFailure: true },
        );
        return result.code === 0;
      });
    },
  };
}
