import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { runStep, taskState } from '../__testUtils__/actionContext';
import { Exchange, startReplayServer } from '../__testUtils__/replayServer';
import recorded from '../__fixtures__/github-workflow-dispatch.json';
import { createGithubDispatchWorkflowAction } from './githubWorkflow';

/*
 * No GitHub is reachable here: the action talks to a server answering the
 * exchanges of ../__fixtures__/github-workflow-dispatch.json (GitHub's
 * documented shapes), as Backstage's GitHub integration configured with
 * its apiBaseUrl.
 */

async function setUp(exchanges: Exchange[]) {
  const server = await startReplayServer(exchanges);
  const integrations = ScmIntegrations.fromConfig(
    new ConfigReader({
      integrations: {
        github: [
          { host: 'github.com', apiBaseUrl: server.url, token: 'ghp_test' },
        ],
      },
    }),
  );
  const action = createGithubDispatchWorkflowAction({
    integrations,
    pollMs: 1,
  });
  return { server, action };
}

describe('plinth:github:dispatch-workflow', () => {
  it('dispatches the workflow with its inputs, finds its run and waits for success', async () => {
    const { server, action } = await setUp(recorded.succeeds as Exchange[]);
    const input = {
      owner: 'acme',
      repo: 'recommender',
      workflow: 'train.yml',
      inputs: { dataset: 'orders-2026-11' },
    };
    const state = taskState();
    const run = await runStep(action, input, { checkpoints: state });
    expect(run.outputs).toEqual({
      runId: 30433642,
      runUrl: 'https://github.com/acme/recommender/actions/runs/30433642',
      conclusion: 'success',
    });
    expect(run.logs).toContain('Workflow run 30433642 succeeded.');
    expect(server.remaining()).toBe(0);
    // With the integration's token.
    expect(server.seen[1]).toMatchObject({
      method: 'POST',
      body: { ref: 'main', inputs: { dataset: 'orders-2026-11' } },
    });
    await server.close();
  });

  it('fails the step when the run fails, naming it', async () => {
    const { server, action } = await setUp(recorded.fails as Exchange[]);
    await expect(
      runStep(action, {
        owner: 'acme',
        repo: 'recommender',
        workflow: 'preprocess.yml',
      }),
    ).rejects.toThrow(
      'Workflow run 30433700 of acme/recommender ended in failure: https://github.com/acme/recommender/actions/runs/30433700',
    );
    await server.close();
  });

  it('checks the workflow in a dry run, and dispatches nothing', async () => {
    const { server, action } = await setUp([
      recorded.succeeds[0] as Exchange,
      ...(recorded.missing as Exchange[]),
    ]);
    const dry = await runStep(
      action,
      { owner: 'acme', repo: 'recommender', workflow: 'train.yml' },
      { isDryRun: true },
    );
    expect(dry.logs).toEqual([
      'Dry run: would dispatch workflow train.yml of acme/recommender on main.',
    ]);
    await expect(
      runStep(
        action,
        { owner: 'acme', repo: 'recommender', workflow: 'nope.yml' },
        { isDryRun: true },
      ),
    ).rejects.toThrow(
      'GitHub answered 404 to GET /actions/workflows/nope.yml: Not Found',
    );
    expect(server.remaining()).toBe(0);
    await server.close();
  });

  it('says which host has no integration', async () => {
    const { server, action } = await setUp([]);
    await expect(
      runStep(action, {
        owner: 'acme',
        repo: 'x',
        workflow: 'a.yml',
        host: 'ghe.example.com',
      }),
    ).rejects.toThrow(
      'There is no GitHub integration for ghe.example.com: add it under integrations.github in the app config',
    );
    await server.close();
  });
});
