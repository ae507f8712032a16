import { mockCredentials } from '@backstage/backend-test-utils';
import { orchestratorEnvironmentCreatePermission } from '@plinth/plugin-orchestrator-common';
import type { OrchestratorService } from '@plinth/plugin-orchestrator-node';
import { runStep, taskState } from '../__testUtils__/actionContext';
import { APP, startOrchestrator } from '../__testUtils__/orchestrator';
import {
  createEnvironmentCreateAction,
  createEnvironmentDeleteAction,
  createEnvironmentExtendAction,
  createEnvironmentLockAction,
  createEnvironmentUnlockAction,
} from './environments';

jest.setTimeout(60_000);

const DAY = 86_400_000;

describe('the environment actions', () => {
  let orchestrator: OrchestratorService;
  beforeAll(async () => {
    ({ orchestrator } = await startOrchestrator());
  });

  it('spins up an environment for 5 days and extends it by 3, once per task', async () => {
    const create = createEnvironmentCreateAction({ orchestrator });
    const input = {
      app: 'cartservice',
      id: 'dev-ada',
      type: 'development',
      ttl: 'P5D',
      owner: 'user:default/ada',
    };
    // A dry run reads, says what it would do, and creates nothing.
    const dry = await runStep(create, input, { isDryRun: true });
    expect(dry.logs).toContain(
      `Dry run: would create environment dev-ada (development, for 5 days) of ${APP}.`,
    );
    expect(dry.outputs).toEqual({ environment: 'dev-ada', status: 'dry-run' });
    expect(await orchestrator.listEnvironments(APP)).toEqual([]);

    const state = taskState();
    const created = await runStep(create, input, { checkpoints: state });
    expect(created.outputs).toMatchObject({
      environment: 'dev-ada',
      status: 'ready',
    });
    const expiresAt = Date.parse(created.outputs.expiresAt as string);
    expect(created.outputs.expiresOn).toMatch(
      /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2} UTC$/,
    );
    expect(expiresAt - Date.now()).toBeGreaterThan(5 * DAY - 60_000);
    // The task retried: the environment is not created a second time.
    const again = await runStep(create, input, { checkpoints: state });
    expect(again.outputs.environment).toBe('dev-ada');
    const [environment] = await orchestrator.listEnvironments(APP);
    expect(environment).toMatchObject({
      id: 'dev-ada',
      owner: 'user:default/ada',
      createdBy: 'user:default/ada',
    });

    const extend = createEnvironmentExtendAction({ orchestrator });
    const extended = await runStep(extend, {
      app: APP,
      environment: 'dev-ada',
      by: 'P3D',
    });
    expect(
      Date.parse(extended.outputs.expiresAt as string) - expiresAt,
    ).toBeGreaterThan(3 * DAY - 5_000);
    expect(
      Date.parse(extended.outputs.expiresAt as string) - expiresAt,
    ).toBeLessThan(3 * DAY + 5_000);
  });

  it('says what is wrong with the input, naming the field', async () => {
    const create = createEnvironmentCreateAction({ orchestrator });
    await expect(
      runStep(create, {
        app: APP,
        id: 'dev-bob',
        type: 'development',
        ttl: 'five days',
      }),
    ).rejects.toThrow(
      'ttl must be a positive ISO 8601 duration such as P5D (5 days) or PT8H (8 hours), not "five days"',
    );
    await expect(
      runStep(create, { app: 'component:', id: 'x', type: 'development' }),
    ).rejects.toThrow(/^app must be an entity ref such as/);
    const extend = createEnvironmentExtendAction({ orchestrator });
    await runStep(create, { app: APP, id: 'forever', type: 'development' });
    await expect(
      runStep(extend, { app: APP, environment: 'forever', by: 'P3D' }),
    ).rejects.toThrow(
      `Environment forever of ${APP} has no TTL: it does not expire, so there is nothing to extend`,
    );
    await expect(
      runStep(extend, { app: APP, environment: 'missing', by: 'P3D' }),
    ).rejects.toThrow(
      /^Could not read environment missing of component:default\/cartservice: /,
    );
  });

  it('locks with a reason and unlocks, and deletes the environment', async () => {
    await runStep(createEnvironmentCreateAction({ orchestrator }), {
      app: APP,
      id: 'staging',
      type: 'staging',
    });
    const lock = createEnvironmentLockAction({ orchestrator });
    const dry = await runStep(
      lock,
      { app: APP, environment: 'staging', reason: 'Release 2.5 under test' },
      { isDryRun: true },
    );
    expect(dry.logs).toContain(
      `Dry run: would lock environment staging (staging) of ${APP}: Release 2.5 under test.`,
    );
    expect(
      (await orchestrator.getEnvironment(APP, 'staging')).environment.lock,
    ).toBeUndefined();

    const locked = await runStep(lock, {
      app: APP,
      environment: 'staging',
      reason: 'Release 2.5 under test',
    });
    expect(locked.outputs.lockedBy).toBe('user:default/ada');
    expect(
      (await orchestrator.getEnvironment(APP, 'staging')).environment.lock,
    ).toMatchObject({
      reason: 'Release 2.5 under test',
      by: 'user:default/ada',
    });

    const unlock = createEnvironmentUnlockAction({ orchestrator });
    await runStep(unlock, { app: APP, environment: 'staging' });
    expect(
      (await orchestrator.getEnvironment(APP, 'staging')).environment.lock,
    ).toBeUndefined();
    const nothing = await runStep(unlock, { app: APP, environment: 'staging' });
    expect(nothing.logs).toEqual([
      `Environment staging of ${APP} is not locked: nothing to do.`,
    ]);

    const remove = createEnvironmentDeleteAction({ orchestrator });
    await runStep(
      remove,
      { app: APP, environment: 'staging' },
      { isDryRun: true },
    );
    expect((await orchestrator.listEnvironments(APP)).map(e => e.id)).toContain(
      'staging',
    );
    const deleted = await runStep(remove, { app: APP, environment: 'staging' });
    expect(deleted.logs.at(-1)).toBe(
      `Environment staging of ${APP} is deleted.`,
    );
    expect(
      (await orchestrator.listEnvironments(APP)).map(e => e.id),
    ).not.toContain('staging');
  });
});

describe('the environment actions, for a user who may not', () => {
  it("fail with the orchestrator's reason, and change nothing", async () => {
    const { orchestrator } = await startOrchestrator({
      deny: [orchestratorEnvironmentCreatePermission.name],
    });
    const create = createEnvironmentCreateAction({ orchestrator });
    await expect(
      runStep(
        create,
        { app: APP, id: 'dev-eve', type: 'development' },
        { credentials: mockCredentials.user('user:default/eve') },
      ),
    ).rejects.toThrow(
      /^Could not create environment dev-eve \(development\) of component:default\/cartservice: .*/,
    );
    expect(await orchestrator.listEnvironments(APP)).toEqual([]);
  });
});
