import { createMockDirectory } from '@backstage/backend-test-utils';
import { doraCommand } from './dora';

const lines = (...events: object[]) =>
  events.map(e => JSON.stringify(e)).join('\n');

const CART = 'component:default/cart-service';
const SHOP = 'component:default/shop';

const events = [
  { type: 'change', id: 'c1', entity: CART, createdAt: '2024-05-01T00:00:00Z' },
  { type: 'change', id: 'c2', entity: CART, createdAt: '2024-05-01T12:00:00Z' },
  {
    type: 'deployment',
    id: 'd1',
    entity: CART,
    environment: 'production',
    status: 'success',
    startedAt: '2024-05-02T00:00:00Z',
    finishedAt: '2024-05-02T00:00:00Z',
    changes: ['c1', 'c2'],
    rework: false,
  },
  {
    type: 'deployment',
    id: 'd2',
    entity: CART,
    environment: 'production',
    status: 'failure',
    startedAt: '2024-05-03T00:00:00Z',
    finishedAt: '2024-05-03T00:00:00Z',
    changes: [],
    rework: false,
  },
  {
    type: 'deployment',
    id: 'd3',
    entity: CART,
    environment: 'production',
    status: 'success',
    startedAt: '2024-05-03T02:00:00Z',
    finishedAt: '2024-05-03T03:00:00Z',
    changes: [],
    rework: true,
  },
  {
    type: 'deployment',
    id: 's1',
    entity: SHOP,
    environment: 'production',
    status: 'success',
    startedAt: '2024-05-04T00:00:00Z',
    finishedAt: '2024-05-04T00:00:00Z',
  },
  {
    type: 'incident',
    id: 'i1',
    entity: SHOP,
    createdAt: '2024-05-04T01:00:00Z',
    resolvedAt: '2024-05-04T01:30:00Z',
    causedBy: 's1',
  },
];

describe('plinth dora', () => {
  const dir = createMockDirectory();
  beforeEach(() => dir.clear());

  it('prints the metrics and tiers of each entity over the days of the file', async () => {
    dir.setContent({ 'events.jsonl': `${lines(...events)}\n` });
    const result = await doraCommand('events.jsonl', { cwd: dir.path });
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBeUndefined();
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({
      from: '2024-05-01T00:00:00.000Z',
      to: '2024-05-05T00:00:00.000Z',
      environment: 'production',
      groupBy: 'entity',
    });
    expect(report.groups).toEqual([
      {
        key: CART,
        metrics: {
          deployments: 3,
          successfulDeployments: 2,
          deploymentsPerDay: 0.5,
          deploymentDays: 2,
          changes: 2,
          leadTimeHoursMedian: 18,
          leadTimeHoursP90: 22.8,
          failedDeployments: 1,
          changeFailureRate: 1 / 3,
          recoveries: 1,
          recoveryHoursMedian: 3,
          reworkDeployments: 1,
          reworkRate: 1 / 3,
          tiers: {
            deploymentsPerDay: 'high',
            leadTimeHoursMedian: 'elite',
            changeFailureRate: 'low',
            recoveryHoursMedian: 'high',
            reworkRate: 'low',
          },
        },
      },
      {
        key: SHOP,
        metrics: expect.objectContaining({
          deployments: 1,
          changeFailureRate: 1,
          recoveryHoursMedian: 0.5,
          tiers: expect.objectContaining({ recoveryHoursMedian: 'elite' }),
        }),
      },
    ]);
  });

  it('takes a window, an environment and a single group', async () => {
    dir.setContent({ 'events.jsonl': lines(...events) });
    const result = await doraCommand('events.jsonl', {
      cwd: dir.path,
      from: '2024-05-03T00:00:00Z',
      to: '2024-05-04T00:00:00Z',
      groupBy: 'none',
    });
    const report = JSON.parse(result.stdout);
    expect(report.groups).toHaveLength(1);
    expect(report.groups[0].key).toBeNull();
    expect(report.groups[0].metrics).toMatchObject({
      deployments: 2,
      deploymentsPerDay: 1,
      changes: 0,
      leadTimeHoursMedian: null,
    });
    const staging = await doraCommand('events.jsonl', {
      cwd: dir.path,
      environment: 'staging',
    });
    expect(JSON.parse(staging.stdout).groups).toEqual([]);
  });

  it('reports bad lines by number and reason, exits 1, and still measures the good ones', async () => {
    dir.setContent({
      'events.jsonl': [
        JSON.stringify(events[0]),
        '{"type": "change",',
        JSON.stringify({ ...events[2], finishedAt: '2024-05-02' }),
        '',
        JSON.stringify({ ...events[1], type: 'commit' }),
        JSON.stringify({ ...events[6], resolvedAt: '2024-05-04T00:00:00Z' }),
        JSON.stringify({ ...events[2], changes: ['c1', 'c9'] }),
        JSON.stringify({ ...events[2], changes: ['c1'] }),
      ].join('\n'),
    });
    const result = await doraCommand('events.jsonl', { cwd: dir.path });
    expect(result.exitCode).toBe(1);
    expect(result.stderr?.split('\n')).toEqual([
      expect.stringMatching(/^events\.jsonl:2: not valid JSON: /),
      'events.jsonl:3: d1: finishedAt: must be an ISO 8601 date-time with a time zone, e.g. 2024-05-01T12:00:00Z',
      'events.jsonl:5: c2: type: must be change, deployment or incident, not "commit"',
      'events.jsonl:6: i1: resolvedAt: must not be before createdAt',
      'events.jsonl:8: warning: replaces the deployment d1 of line 7, which has the same id and a different content (the later one wins)',
      '',
    ]);
    const report = JSON.parse(result.stdout);
    expect(report.groups[0].metrics.leadTimeHoursMedian).toBe(24);
  });

  it('warns of changes and deployments that are not in the file', async () => {
    dir.setContent({
      'events.jsonl': lines(
        { ...events[2], changes: ['c9'] },
        { ...events[6], causedBy: 'd9' },
      ),
    });
    const result = await doraCommand('events.jsonl', { cwd: dir.path });
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe(
      [
        'events.jsonl:1: warning: deployment d1 refers to changes not in the file: c9',
        'events.jsonl:2: warning: incident i1 refers to a deployment not in the file: d9',
        '',
      ].join('\n'),
    );
  });

  it('answers a usage error to a bad window or a missing file, and 1 to a file with no event', async () => {
    dir.setContent({ 'events.jsonl': lines(...events), 'empty.jsonl': '\n' });
    await expect(
      doraCommand('events.jsonl', { cwd: dir.path, from: 'May 1st' }),
    ).resolves.toMatchObject({
      exitCode: 2,
      stderr:
        '--from must be an ISO 8601 date-time with a time zone, e.g. 2024-05-01T00:00:00Z, not May 1st\n',
    });
    await expect(
      doraCommand('events.jsonl', {
        cwd: dir.path,
        from: '2024-05-02T00:00:00Z',
        to: '2024-05-01T00:00:00Z',
      }),
    ).resolves.toMatchObject({ exitCode: 2 });
    await expect(
      doraCommand('missing.jsonl', { cwd: dir.path }),
    ).resolves.toMatchObject({
      exitCode: 2,
      stderr: expect.stringContaining('missing.jsonl: cannot be read'),
    });
    await expect(
      doraCommand('empty.jsonl', { cwd: dir.path }),
    ).resolves.toMatchObject({
      exitCode: 1,
      stdout: '',
      stderr:
        'empty.jsonl: holds no valid event; give --from and --to to measure an empty window\n',
    });
  });
});
