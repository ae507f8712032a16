import type { OrchestratorService } from '@plinth/plugin-orchestrator-node';
import { runStep } from '../__testUtils__/actionContext';
import { APP, startOrchestrator } from '../__testUtils__/orchestrator';
import { createEnvironmentCreateAction } from './environments';
import { createValueSetAction } from './values';

jest.setTimeout(60_000);

const SECRET = 'sk_live_51Hh3Yz-do-not-leak';

describe('plinth:value:set', () => {
  let orchestrator: OrchestratorService;
  beforeAll(async () => {
    ({ orchestrator } = await startOrchestrator());
    await runStep(createEnvironmentCreateAction({ orchestrator }), {
      app: APP,
      id: 'production',
      type: 'production',
    });
  });

  it('sets a secret of an environment without its value in the log or the output', async () => {
    const action = createValueSetAction({ orchestrator });
    const input = {
      app: APP,
      environment: 'production',
      key: 'STRIPE_API_KEY',
      value: SECRET,
      secret: true,
      description: "Stripe's live key",
    };
    const dry = await runStep(action, input, { isDryRun: true });
    expect(dry.logs).toEqual([
      `Dry run: would set secret STRIPE_API_KEY of environment production of ${APP} (its value is not shown).`,
    ]);
    expect(
      await orchestrator.listValues({ app: APP, environment: 'production' }),
    ).toEqual([]);

    const run = await runStep(action, input);
    expect(run.outputs).toEqual({
      key: 'STRIPE_API_KEY',
      scope: 'environment',
      secret: true,
    });
    expect(JSON.stringify(run)).not.toContain(SECRET);
    const [stored] = await orchestrator.listValues({
      app: APP,
      environment: 'production',
    });
    expect(stored).toMatchObject({
      key: 'STRIPE_API_KEY',
      secret: true,
      scope: 'environment',
      updatedBy: 'user:default/ada',
    });
    expect(stored.value).toBeUndefined();
  });

  it('sets a plain value of the app, for every environment, and says what it set', async () => {
    const run = await runStep(createValueSetAction({ orchestrator }), {
      app: APP,
      key: 'LOG_LEVEL',
      value: 'debug',
    });
    expect(run.logs).toEqual([
      `Set LOG_LEVEL of ${APP} (every environment) to "debug".`,
    ]);
    expect(run.outputs).toEqual({
      key: 'LOG_LEVEL',
      scope: 'app',
      secret: false,
    });
    expect(await orchestrator.listValues({ app: APP })).toEqual([
      expect.objectContaining({
        key: 'LOG_LEVEL',
        value: 'debug',
        secret: false,
      }),
    ]);
  });
});
