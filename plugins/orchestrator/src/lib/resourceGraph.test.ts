import { EnvironmentResource } from '@plinth/plugin-orchestrator-common';
import { resourceGraph, workloadNodeId } from './resourceGraph';

function resource(
  resId: string,
  extra: Partial<EnvironmentResource> = {},
): EnvironmentResource {
  return {
    resId,
    type: 'postgres',
    class: 'default',
    definitionId: 'pg',
    driver: 'postgres',
    usedBy: ['cart'],
    dependsOn: [],
    status: 'ready',
    outputs: {},
    secretOutputs: [],
    createdAt: '2026-12-01T00:00:00Z',
    updatedAt: '2026-12-01T00:00:00Z',
    ...extra,
  };
}

describe('resourceGraph', () => {
  it('draws workloads to the resources they name, and resources to those they read', () => {
    const { nodes, edges } = resourceGraph(
      ['cart', 'checkout'],
      [
        resource('shared-db', {
          usedBy: ['cart', 'checkout'],
          outputs: { host: 'pg.internal', password: 'hunter2' },
          secretOutputs: ['password'],
        }),
        resource('cart.dns', { type: 'dns', outputs: { host: 'a.example' } }),
        resource('cart.route', {
          type: 'route',
          class: 'public',
          dependsOn: ['cart.dns', 'gone'],
          status: 'failed',
        }),
      ],
    );
    expect(nodes.map(n => n.id)).toEqual([
      workloadNodeId('cart'),
      workloadNodeId('checkout'),
      'shared-db',
      'cart.dns',
      'cart.route',
    ]);
    const db = nodes.find(n => n.id === 'shared-db')!;
    expect(db).toMatchObject({
      kind: 'resource',
      detail: 'PostgreSQL database',
      lines: ['host: pg.internal', 'password: •••••• (secret)'],
    });
    // The secret's value is nowhere in the graph.
    expect(JSON.stringify(nodes)).not.toContain('hunter2');
    expect(nodes.find(n => n.id === 'cart.route')).toMatchObject({
      detail: expect.stringContaining('class public'),
      status: 'failed',
    });
    expect(edges).toEqual([
      { from: 'workload:cart', to: 'shared-db' },
      { from: 'workload:checkout', to: 'shared-db' },
      { from: 'workload:cart', to: 'cart.dns' },
      { from: 'workload:cart', to: 'cart.route' },
      // The dependency no longer there is not drawn.
      { from: 'cart.route', to: 'cart.dns', label: 'reads' },
    ]);
  });

  it('keeps a workload that names no resource', () => {
    const { nodes, edges } = resourceGraph(['worker'], []);
    expect(nodes).toEqual([
      expect.objectContaining({ id: 'workload:worker', title: 'worker' }),
    ]);
    expect(edges).toEqual([]);
  });
});
