import { mockServices } from '@backstage/backend-test-utils';
import { ConflictError, InputError } from '@backstage/errors';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { serveGitOverHttp } from '../__testUtils__/gitServer';
import {
  createGitOpsDelivery,
  GitOpsDeliveryOptions,
  redactRepositoryUrl,
} from './GitOpsDelivery';

jest.setTimeout(60_000);

const author = { name: 'Plinth', email: 'plinth@example.com' };
const gitEnv = {
  ...process.env,
  GIT_TERMINAL_PROMPT: '0',
  GIT_AUTHOR_NAME: 'Someone Else',
  GIT_AUTHOR_EMAIL: 'else@example.com',
  GIT_COMMITTER_NAME: 'Someone Else',
  GIT_COMMITTER_EMAIL: 'else@example.com',
};

/** Runs git for the test itself. */
function git(cwd: string, ...args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      ['-c', 'commit.gpgsign=false', ...args],
      { cwd, env: gitEnv, timeout: 20_000 },
      (error, stdout, stderr) =>
        error
          ? reject(new Error(`${error.message}\n${stderr}`))
          : resolve(stdout),
    );
  });
}

let dir: string;
let remote: string;
let remoteUrl: string;
let count = 0;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'plinth-gitops-'));
  remote = join(dir, 'remote.git');
  await git(dir, 'init', '-q', '--bare', remote);
  remoteUrl = pathToFileURL(remote).toString();
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function delivery(overrides: Partial<GitOpsDeliveryOptions> = {}) {
  count += 1;
  return createGitOpsDelivery({
    repositoryUrl: remoteUrl,
    author,
    workDir: join(dir, `work-${count}`),
    logger: mockServices.logger.mock(),
    ...overrides,
  });
}

/** A fresh clone of the remote's main branch. */
async function cloneRemote(): Promise<string> {
  count += 1;
  const target = join(dir, `check-${count}`);
  await git(dir, 'clone', '-q', '--branch', 'main', remoteUrl, target);
  return target;
}

const request = (
  files: Record<string, string>,
  overrides: Partial<{ environment: string; deploymentId: string }> = {},
) => ({
  app: 'component:default/cartservice',
  environment: 'development',
  deploymentId: 'd-1',
  requestedBy: 'user:default/jane',
  files,
  ...overrides,
});

describe('createGitOpsDelivery', () => {
  it('makes the branch of an empty repository with the files and a message naming the deployment', async () => {
    const gitops = delivery();
    const result = await gitops.deliver(
      request({
        'deployment-cart.yaml': 'kind: Deployment\n',
        'service-cart.yaml': 'kind: Service\n',
      }),
    );
    expect(result.changed).toBe(true);
    expect(result.path).toBe('apps/cartservice/development');
    expect(result.commit).toMatch(/^[0-9a-f]{40}$/);

    const check = await cloneRemote();
    expect(await git(check, 'rev-parse', 'HEAD')).toBe(`${result.commit}\n`);
    expect(
      (await readdir(join(check, 'apps/cartservice/development'))).sort(),
    ).toEqual(['deployment-cart.yaml', 'service-cart.yaml']);
    expect(await git(check, 'log', '-1', '--format=%B')).toBe(
      'Deploy component:default/cartservice to development (deployment d-1)\n\nRequested by user:default/jane\n\n',
    );
    expect(await git(check, 'log', '-1', '--format=%an <%ae>')).toBe(
      'Plinth <plinth@example.com>\n',
    );
    expect(await gitops.isOnRemote(result.commit)).toBe(true);
  });

  it('deletes the files left out, and commits nothing when nothing changed', async () => {
    const gitops = delivery();
    const first = await gitops.deliver(
      request({ 'a.yaml': 'a: 1\n', 'b.yaml': 'b: 1\n', 'sub/c.yaml': 'c\n' }),
    );
    const second = await gitops.deliver(
      request({ 'a.yaml': 'a: 2\n' }, { deploymentId: 'd-2' }),
    );
    expect(second.changed).toBe(true);
    expect(second.commit).not.toBe(first.commit);

    const check = await cloneRemote();
    expect(await readdir(join(check, 'apps/cartservice/development'))).toEqual([
      'a.yaml',
    ]);
    expect(await git(check, 'rev-list', '--count', 'HEAD')).toBe('2\n');

    const third = await gitops.deliver(
      request({ 'a.yaml': 'a: 2\n' }, { deploymentId: 'd-3' }),
    );
    expect(third).toEqual({
      commit: second.commit,
      path: 'apps/cartservice/development',
      changed: false,
    });
    // Another instance, with a fresh clone, sees the same.
    const fourth = await delivery().deliver(
      request({ 'a.yaml': 'a: 2\n' }, { deploymentId: 'd-4' }),
    );
    expect(fourth.changed).toBe(false);
    const after = await cloneRemote();
    expect(await git(after, 'rev-list', '--count', 'HEAD')).toBe('2\n');
    expect(await gitops.isOnRemote(first.commit)).toBe(true);
    expect(await gitops.isOnRemote('0'.repeat(40))).toBe(false);

    // No files at all: the folder goes.
    const emptied = await gitops.deliver(request({}, { deploymentId: 'd-5' }));
    expect(emptied.changed).toBe(true);
    const last = await cloneRemote();
    expect(existsSync(join(last, 'apps'))).toBe(false);
    expect(await gitops.deliver(request({}))).toMatchObject({
      commit: emptied.commit,
      changed: false,
    });
  });

  it('commits nothing for no files to an empty repository', async () => {
    const gitops = delivery();
    expect(await gitops.isOnRemote('0'.repeat(40))).toBe(false);
    expect(await gitops.deliver(request({}))).toEqual({
      commit: '',
      path: 'apps/cartservice/development',
      changed: false,
    });
  });

  it('keeps files outside the environment folder and catches up with commits made elsewhere', async () => {
    const gitops = delivery();
    await gitops.deliver(request({ 'a.yaml': 'a\n' }));
    const other = await cloneRemote();
    await writeFile(join(other, 'README.md'), 'GitOps\n');
    await git(other, 'add', 'README.md');
    await git(other, 'commit', '-q', '-m', 'Add a README');
    await git(other, 'push', '-q', 'origin', 'HEAD:main');

    await gitops.deliver(request({ 'b.yaml': 'b\n' }, { deploymentId: 'd-2' }));
    const check = await cloneRemote();
    expect(existsSync(join(check, 'README.md'))).toBe(true);
    expect(await readdir(join(check, 'apps/cartservice/development'))).toEqual([
      'b.yaml',
    ]);
    expect(await git(check, 'rev-list', '--count', 'HEAD')).toBe('3\n');
  });

  it('lands concurrent deliveries from two clones, rebasing when a push is refused', async () => {
    const one = delivery();
    const two = delivery();
    const environments = ['dev', 'test', 'staging', 'qa', 'prod'];
    const deliveries = environments.map((environment, index) =>
      (index % 2 ? two : one).deliver(
        request(
          { [`deployment-${environment}.yaml`]: `env: ${environment}\n` },
          { environment, deploymentId: `d-${environment}` },
        ),
      ),
    );
    const results = await Promise.all(deliveries);
    expect(results.every(result => result.changed)).toBe(true);

    const check = await cloneRemote();
    expect((await readdir(join(check, 'apps/cartservice'))).sort()).toEqual(
      [...environments].sort(),
    );
    for (const environment of environments) {
      expect(
        await readdir(join(check, 'apps/cartservice', environment)),
      ).toEqual([`deployment-${environment}.yaml`]);
    }
    const subjects = (await git(check, 'log', '--format=%s'))
      .trim()
      .split('\n')
      .sort();
    expect(subjects).toEqual(
      environments
        .map(
          environment =>
            `Deploy component:default/cartservice to ${environment} (deployment d-${environment})`,
        )
        .sort(),
    );
    for (const result of results) {
      expect(await one.isOnRemote(result.commit)).toBe(true);
    }
  });

  it('rebases onto a commit pushed between its fetch and its push', async () => {
    const logger = mockServices.logger.mock();
    const gitops = delivery({ logger });
    await gitops.deliver(request({ 'a.yaml': 'a\n' }));
    const other = await cloneRemote();
    await writeFile(join(other, 'other.txt'), 'other\n');
    await git(other, 'add', 'other.txt');
    await git(other, 'commit', '-q', '-m', 'Elsewhere');
    await git(other, 'push', '-q', 'origin', 'HEAD:refs/heads/side');
    // When our push arrives, the remote's hook moves main to the other
    // clone's commit first (once), as a concurrent push would.
    const marker = join(dir, 'raced');
    await writeFile(
      join(remote, 'hooks', 'pre-receive'),
      `#!/bin/sh
if [ ! -e '${marker}' ]; then
  touch '${marker}'
  env -u GIT_QUARANTINE_PATH git update-ref refs/heads/main refs/heads/side
fi
exit 0
`,
      { mode: 0o755 },
    );

    const result = await gitops.deliver(
      request({ 'b.yaml': 'b\n' }, { deploymentId: 'd-2' }),
    );
    expect(result.changed).toBe(true);
    expect(existsSync(marker)).toBe(true);
    expect(logger.debug).toHaveBeenCalledWith(
      expect.stringContaining('was refused because the branch moved'),
    );
    const check = await cloneRemote();
    expect(existsSync(join(check, 'other.txt'))).toBe(true);
    expect(await git(check, 'log', '--format=%s')).toBe(
      'Deploy component:default/cartservice to development (deployment d-2)\nElsewhere\nDeploy component:default/cartservice to development (deployment d-1)\n',
    );
  });

  it('refuses unsafe path templates, environment ids, app names and file names', async () => {
    expect(() => delivery({ pathTemplate: '../{app}/{environment}' })).toThrow(
      InputError,
    );
    expect(() => delivery({ pathTemplate: '/etc/{app}' })).toThrow(InputError);
    expect(() => delivery({ pathTemplate: 'apps/{team}/{app}' })).toThrow(
      /unknown token \{team\}/,
    );
    expect(() => delivery({ pathTemplate: 'apps//{app}' })).toThrow(InputError);
    const gitops = delivery();
    await expect(
      gitops.deliver(request({ 'a.yaml': 'a' }, { environment: '..' })),
    ).rejects.toThrow(InputError);
    await expect(
      gitops.deliver(request({ 'a.yaml': 'a' }, { environment: '../prod' })),
    ).rejects.toThrow(InputError);
    await expect(
      gitops.deliver({ ...request({ 'a.yaml': 'a' }), app: 'Cart/../../x' }),
    ).rejects.toThrow(InputError);
    await expect(
      gitops.deliver(request({ '../escape.yaml': 'a' })),
    ).rejects.toThrow(InputError);
    await expect(gitops.deliver(request({ '/etc/x': 'a' }))).rejects.toThrow(
      InputError,
    );
    const prefixed = delivery({ pathTemplate: 'clusters/eu/{environment}' });
    const result = await prefixed.deliver(request({ 'a.yaml': 'a\n' }));
    expect(result.path).toBe('clusters/eu/development');
  });

  it('names the repository without its credentials when it cannot be reached', async () => {
    const url = 'http://deployer:s3cr3t-t0ken@127.0.0.1:9/nowhere.git';
    expect(redactRepositoryUrl(url)).toBe('http://127.0.0.1:9/nowhere.git');
    const gitops = delivery({ repositoryUrl: url, timeoutMs: 20_000 });
    const error = await gitops
      .deliver(request({ 'a.yaml': 'a' }))
      .catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    const text = `${(error as Error).message}\n${(error as Error).stack}`;
    expect(text).toContain('http://127.0.0.1:9/nowhere.git');
    expect(text).toContain('branch main');
    expect(text).not.toContain('s3cr3t');
    expect(text).not.toContain('deployer');
  });

  it('delivers over HTTP with credentials in the URL, and never shows them', async () => {
    const { server, port } = await serveGitOverHttp(
      dir,
      'deployer',
      's3cr3t-t0ken',
    );
    try {
      const gitops = delivery({
        repositoryUrl: `http://deployer:s3cr3t-t0ken@127.0.0.1:${port}/remote.git`,
      });
      const result = await gitops.deliver(request({ 'a.yaml': 'a\n' }));
      expect(result.changed).toBe(true);
      expect(await gitops.isOnRemote(result.commit)).toBe(true);
      const check = await cloneRemote();
      expect(await git(check, 'rev-parse', 'HEAD')).toBe(`${result.commit}\n`);
      // The clone does not keep the credentials.
      const workDirs = (await readdir(dir)).filter(name =>
        name.startsWith('work-'),
      );
      const clones = await readdir(join(dir, workDirs[0]));
      const config = await readFile(
        join(dir, workDirs[0], clones[0], '.git', 'config'),
        'utf8',
      );
      expect(config).not.toContain('s3cr3t');

      const refused = delivery({
        repositoryUrl: `http://deployer:wr0ng-passw0rd@127.0.0.1:${port}/remote.git`,
      });
      const error = await refused
        .deliver(request({ 'a.yaml': 'b\n' }))
        .catch((e: Error) => e);
      expect(error).toBeInstanceOf(Error);
      const text = `${(error as Error).message}\n${(error as Error).stack}`;
      expect(text).toContain(`http://127.0.0.1:${port}/remote.git`);
      expect(text).not.toContain('wr0ng');
      expect(text).not.toContain('deployer');
    } finally {
      server.closeAllConnections();
      await new Promise(resolve => server.close(resolve));
    }
  });

  it('fails naming the repository when pushes keep being refused', async () => {
    const gitops = delivery();
    await gitops.deliver(request({ 'a.yaml': 'a\n' }));
    // A hook that always says the branch moved.
    await writeFile(
      join(remote, 'hooks', 'pre-receive'),
      `#!/bin/sh
echo 'cannot lock ref' >&2
exit 1
`,
      { mode: 0o755 },
    );
    const error = await gitops
      .deliver(request({ 'b.yaml': 'b\n' }, { deploymentId: 'd-2' }))
      .catch((e: Error) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as Error).message).toContain(remoteUrl);
    expect((error as Error).message).toContain('branch main');
    expect((error as Error).message).toContain('5 pushes were refused');
  });
});
