import { mockServices } from '@backstage/backend-test-utils';
import { InputError } from '@backstage/errors';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { driverRequest } from './__testUtils__/request';
import { createCommandDriver } from './commandDriver';

jest.setTimeout(20_000);

let dir: string;
const scripts: Record<string, string> = {
  // Echoes what it was asked as outputs; a password of its own as a secret.
  'provision.js': `#!/usr/bin/env node
let input = '';
process.stdin.on('data', c => (input += c)).on('end', () => {
  const req = JSON.parse(input);
  process.stderr.write('making the topic ' + req.params.topic + '\\n');
  process.stderr.write('generated ' + 'pw-' + req.key + '\\n');
  console.log(JSON.stringify({
    outputs: {
      name: req.app.split('/').pop() + '-' + req.params.topic,
      partitions: 3,
      args: process.argv.slice(2).join(' '),
      action: req.action,
      leaked: String(process.env.PLINTH_TEST_BACKEND_SECRET),
      passed: String(process.env.PLINTH_TEST_PASSED),
    },
    secrets: { password: 'pw-' + req.key },
    state: { topic: req.params.topic },
  }));
});
`,
  // Writes what it read to the file its first argument names.
  'record.js': `#!/usr/bin/env node
let input = '';
process.stdin.on('data', c => (input += c)).on('end', () => {
  require('fs').writeFileSync(process.argv[2], input);
});
`,
  'not-json.sh': '#!/bin/sh\necho "topic made"\n',
  'bad-shape.sh':
    '#!/bin/sh\necho \'{"outputs": {"host": {"name": "x"}}, "output": {}}\'\n',
  // Says the secrets it was given on stderr, and fails.
  'fail.js': `#!/usr/bin/env node
let input = '';
process.stdin.on('data', c => (input += c)).on('end', () => {
  const req = JSON.parse(input);
  for (let i = 1; i <= 30; i++) process.stderr.write('line ' + i + '\\n');
  process.stderr.write('auth failed for token ' + req.inputs.token + '\\n');
  process.stderr.write('db password ' + req.dependencies.db.secrets.password + '\\n');
  process.exit(3);
});
`,
  // Starts a child that outlives it unless the whole group is stopped.
  'slow.sh': '#!/bin/sh\nsleep 30 &\necho $! > "$1"\nwait\n',
  'stubborn.sh': "#!/bin/sh\ntrap '' TERM\nsleep 30\n",
};
const path = (name: string) => join(dir, name);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'plinth-command-driver-'));
  for (const [name, text] of Object.entries(scripts)) {
    await writeFile(path(name), text);
    await chmod(path(name), 0o755);
  }
});
afterAll(async () => {
  delete process.env.PLINTH_TEST_BACKEND_SECRET;
  delete process.env.PLINTH_TEST_PASSED;
  await rm(dir, { recursive: true, force: true });
});

function driver(timeoutSeconds?: number) {
  return createCommandDriver({
    allowedCommands: Object.keys(scripts).map(path),
    timeoutSeconds,
    passEnvironment: ['PLINTH_TEST_PASSED'],
  });
}

/** Whether a process is alive (a zombie no one has reaped yet is not). */
async function isRunning(pid: number): Promise<boolean> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  }
}

describe('createCommandDriver', () => {
  it('provisions with what the command prints, stderr logged with secrets masked', async () => {
    process.env.PLINTH_TEST_BACKEND_SECRET = 'backend-only';
    process.env.PLINTH_TEST_PASSED = 'passed-on';
    const logger = mockServices.logger.mock();
    const request = driverRequest({
      key: 'orders.events',
      type: 'kafka-topic',
      params: { topic: 'orders' },
      inputs: { command: path('provision.js'), args: ['--cluster', 'main'] },
      logger,
    });
    const result = await driver().provision(request);
    expect(result).toEqual({
      outputs: {
        name: 'cartservice-orders',
        partitions: '3',
        args: '--cluster main',
        action: 'provision',
        leaked: 'undefined',
        passed: 'passed-on',
      },
      secrets: { password: 'pw-orders.events' },
      state: { topic: 'orders' },
    });
    expect(logger.debug).toHaveBeenCalledWith(
      `${path('provision.js')}: making the topic orders`,
    );
    expect(logger.debug).toHaveBeenCalledWith(
      `${path('provision.js')}: generated ***`,
    );
  });

  it('gives deprovisioning the state provisioning printed', async () => {
    const file = path('deprovision-input.json');
    await driver().deprovision({
      ...driverRequest({
        inputs: { command: path('record.js'), args: [file] },
      }),
      state: { topic: 'orders' },
    });
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({
      action: 'deprovision',
      key: 'api.db',
      app: 'component:default/cartservice',
      environment: { id: 'development', type: 'development' },
      state: { topic: 'orders' },
    });
  });

  it('runs no command the config does not allow', async () => {
    const run = driver().provision(
      driverRequest({ inputs: { command: '/bin/rm', args: ['-rf', '/'] } }),
    );
    await expect(run).rejects.toThrow(InputError);
    await expect(run).rejects.toThrow(
      'Resource "api.db": the command "/bin/rm" is not one of plinth.orchestrator.drivers.command.allowedCommands, so it may not run',
    );
  });

  it('refuses stdout that is not JSON, or not of the expected shape', async () => {
    await expect(
      driver().provision(
        driverRequest({ inputs: { command: path('not-json.sh') } }),
      ),
    ).rejects.toThrow(
      `the command "${path(
        'not-json.sh',
      )}" exited 0 but did not print JSON on stdout`,
    );
    await expect(
      driver().provision(
        driverRequest({ inputs: { command: path('bad-shape.sh') } }),
      ),
    ).rejects.toThrow(
      /is not \{"outputs": \{…\}, "secrets": \{…\}, "state": \{…\}\}: .*outputs\.host must be a text, a number or a boolean; its JSON has keys other than outputs, secrets and state: output\./,
    );
  });

  it('says the exit code and the last lines of stderr, secrets masked', async () => {
    const error = await driver()
      .provision(
        driverRequest({
          inputs: { command: path('fail.js'), token: 'tok-123456' },
          secretInputs: ['token'],
          dependencies: {
            db: { outputs: {}, secrets: { password: 'hunter22' } },
          },
        }),
      )
      .catch(e => e);
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toContain(
      `the command "${path(
        'fail.js',
      )}" exited with code 3 while running provision. The last lines of its stderr:`,
    );
    expect(error.message).toContain('auth failed for token ***');
    expect(error.message).toContain('db password ***');
    expect(error.message).not.toContain('tok-123456');
    expect(error.message).not.toContain('hunter22');
    // The last 20 lines only.
    expect(error.message).toContain('line 30');
    expect(error.message).toContain('line 13');
    expect(error.message).not.toContain('line 12\n');
  });

  it('stops a command that runs too long, with what it started', async () => {
    const pidFile = path('slow.pid');
    const started = Date.now();
    await expect(
      driver(0.5).provision(
        driverRequest({
          inputs: { command: path('slow.sh'), args: [pidFile] },
        }),
      ),
    ).rejects.toThrow(
      `the command "${path('slow.sh')}" timed out after 0.5 s and was stopped`,
    );
    expect(Date.now() - started).toBeLessThan(4_000);
    const sleeper = Number(await readFile(pidFile, 'utf8'));
    expect(await isRunning(sleeper)).toBe(false);
  });

  it('kills a command that ignores SIGTERM 5 s later', async () => {
    const started = Date.now();
    await expect(
      driver().provision(
        driverRequest({
          inputs: { command: path('stubborn.sh'), timeoutSeconds: 0.5 },
        }),
      ),
    ).rejects.toThrow('timed out after 0.5 s');
    expect(Date.now() - started).toBeGreaterThanOrEqual(5_000);
  });

  it('stops a command when its run is cancelled', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    await expect(
      driver().provision(
        driverRequest({
          inputs: { command: path('slow.sh'), args: [path('cancel.pid')] },
          signal: controller.signal,
        }),
      ),
    ).rejects.toThrow('was stopped: the run was cancelled');
  });

  it('says when an allowed command cannot be started', async () => {
    await expect(
      createCommandDriver({ allowedCommands: [path('missing')] }).provision(
        driverRequest({ inputs: { command: path('missing') } }),
      ),
    ).rejects.toThrow(
      `the command "${path(
        'missing',
      )}" could not be started (ENOENT); it must be an executable file.`,
    );
  });

  it('refuses a relative command in the config', () => {
    expect(() =>
      createCommandDriver({ allowedCommands: ['scripts/x'] }),
    ).toThrow(
      'plinth.orchestrator.drivers.command.allowedCommands must list absolute paths; "scripts/x" is not one',
    );
  });
});
