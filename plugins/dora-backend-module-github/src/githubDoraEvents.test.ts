import { parseDoraEvent } from '@plinth/plugin-dora-common';
import success from './__fixtures__/github-deployment_status-success.json';
import hotfix from './__fixtures__/github-deployment_status-error-hotfix.json';
import inProgress from './__fixtures__/github-deployment_status-in_progress.json';
import merged from './__fixtures__/github-pull_request-closed-merged.json';
import unmerged from './__fixtures__/github-pull_request-closed-unmerged.json';
import ping from './__fixtures__/github-ping.json';
import { githubDoraEvents } from './githubDoraEvents';

const SHA = '6dcb09b5b57875f334f61aebed695e2e4193db5e';

describe('githubDoraEvents', () => {
  it('maps a successful deployment_status to a deployment of the deployed commit', async () => {
    const { events } = await githubDoraEvents('deployment_status', success);
    expect(events).toEqual([
      {
        type: 'deployment',
        id: 'github:acme/cart-service:deployment:1204401',
        entity: 'component:default/cart-service',
        environment: 'production',
        status: 'success',
        startedAt: '2024-05-02T09:00:02Z',
        finishedAt: '2024-05-02T09:07:41Z',
        changes: [`github:acme/cart-service:commit:${SHA}`],
        rework: false,
      },
    ]);
    expect(parseDoraEvent(events[0]).success).toBe(true);
  });

  it('says which deployment a final status is of and when it was created, to order deliveries', async () => {
    const mapped = await githubDoraEvents('deployment_status', success);
    expect(mapped.status).toEqual({
      deploymentId: 'github:acme/cart-service:deployment:1204401',
      createdAt: '2024-05-02T09:07:41Z',
    });
    const merge = await githubDoraEvents('pull_request', merged);
    expect(merge.status).toBeUndefined();
  });

  it('maps an error state to a failure, and reads the entity, changes and rework from the deployment payload', async () => {
    const resolve = jest.fn();
    const { events } = await githubDoraEvents(
      'deployment_status',
      hotfix,
      resolve,
    );
    expect(events).toEqual([
      expect.objectContaining({
        entity: 'component:default/cart-service',
        status: 'failure',
        changes: [
          'github:acme/cart-service:commit:b8f1e2d3c4a5968778695a4b3c2d1e0f9a8b7c6d',
          'jira:CART-1234',
        ],
        rework: true,
      }),
    ]);
    expect(resolve).not.toHaveBeenCalled();
  });

  it('asks the resolver for the entity of the repository', async () => {
    const resolve = jest.fn(async () => 'component:payments/cart');
    const { events } = await githubDoraEvents(
      'deployment_status',
      success,
      resolve,
    );
    expect(resolve).toHaveBeenCalledWith({
      provider: 'github',
      repository: 'acme/Cart-Service',
    });
    expect(events[0]).toMatchObject({ entity: 'component:payments/cart' });
  });

  it('ignores statuses that are not final', async () => {
    await expect(
      githubDoraEvents('deployment_status', inProgress),
    ).resolves.toEqual({
      events: [],
      ignored:
        'deployment status in_progress is not a final one (success, failure or error)',
    });
  });

  it('maps a merged pull request to a change with the id of its merge commit', async () => {
    const { events } = await githubDoraEvents('pull_request', merged);
    expect(events).toEqual([
      {
        type: 'change',
        id: `github:acme/cart-service:commit:${SHA}`,
        entity: 'component:default/cart-service',
        createdAt: '2024-04-29T14:02:10Z',
      },
    ]);
  });

  it('ignores unmerged pull requests, pings and other events', async () => {
    await expect(githubDoraEvents('pull_request', unmerged)).resolves.toEqual({
      events: [],
      ignored: 'pull request #318 closed is not a merge',
    });
    await expect(githubDoraEvents('ping', ping)).resolves.toMatchObject({
      ignored: 'ping',
    });
    await expect(githubDoraEvents('push', {})).resolves.toMatchObject({
      ignored: 'GitHub push events carry no DORA event',
    });
  });

  it('rejects a payload of another shape, naming what is missing', async () => {
    const { deployment, ...rest } = success;
    await expect(
      githubDoraEvents('deployment_status', rest),
    ).rejects.toMatchObject({
      name: 'InputError',
      message:
        'the GitHub deployment_status payload is not as expected: deployment: Required',
    });
  });
});
