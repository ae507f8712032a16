import { readinessOf } from './readiness';

describe('readinessOf', () => {
  it('waits for a StatefulSet until every replica is ready on the new revision', () => {
    const statefulSet = (status: Record<string, unknown>) => ({
      kind: 'StatefulSet',
      metadata: { name: 'db', generation: 3 },
      spec: { replicas: 3 },
      status: { observedGeneration: 3, ...status },
    });

    expect(
      readinessOf(
        statefulSet({
          readyReplicas: 2,
          updatedReplicas: 2,
          currentRevision: 'db-7b9c',
          updateRevision: 'db-7b9c',
        }),
      ),
    ).toEqual({ state: 'waiting', report: 'has 2 of 3 replicas ready' });
    expect(
      readinessOf(
        statefulSet({
          readyReplicas: 3,
          updatedReplicas: 1,
          currentRevision: 'db-7b9c',
          updateRevision: 'db-5f6d',
        }),
      ),
    ).toEqual({
      state: 'waiting',
      report: 'is rolling out revision db-5f6d (1 of 3 replicas updated)',
    });
    expect(
      readinessOf(
        statefulSet({
          readyReplicas: 3,
          updatedReplicas: 3,
          currentRevision: 'db-5f6d',
          updateRevision: 'db-5f6d',
        }),
      ),
    ).toEqual({ state: 'ready' });
  });

  it('reads an Argo Rollout by its phase, its observedGeneration being a string', () => {
    const rollout = (status: Record<string, unknown>) => ({
      kind: 'Rollout',
      metadata: { name: 'cart-service', generation: 4 },
      status,
    });

    expect(
      readinessOf(rollout({ observedGeneration: '3', phase: 'Healthy' })),
    ).toEqual({
      state: 'waiting',
      report:
        'has not been picked up by its controller yet (generation 4, observed 3)',
    });
    expect(
      readinessOf(
        rollout({
          observedGeneration: '4',
          phase: 'Paused',
          message: 'CanaryPauseStep',
        }),
      ),
    ).toEqual({ state: 'waiting', report: 'is Paused (CanaryPauseStep)' });
    expect(
      readinessOf(rollout({ observedGeneration: '4', phase: 'Healthy' })),
    ).toEqual({ state: 'ready' });
    expect(
      readinessOf(
        rollout({
          observedGeneration: '4',
          conditions: [{ type: 'Healthy', status: 'True' }],
        }),
      ),
    ).toEqual({ state: 'ready' });
    expect(
      readinessOf(
        rollout({
          observedGeneration: '4',
          phase: 'Degraded',
          abort: true,
          message: 'RolloutAborted: Rollout aborted update to revision 4',
        }),
      ).state,
    ).toBe('failed');
  });

  it('counts old replicas of a Deployment still running as not ready', () => {
    expect(
      readinessOf({
        kind: 'Deployment',
        metadata: { name: 'cart-service', generation: 2 },
        spec: { replicas: 2 },
        status: {
          observedGeneration: 2,
          replicas: 3,
          updatedReplicas: 2,
          availableReplicas: 2,
        },
      }),
    ).toEqual({
      state: 'waiting',
      report: 'has 1 replica of the old version still running',
    });
  });
});
