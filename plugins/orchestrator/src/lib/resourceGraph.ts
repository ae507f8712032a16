import { DependencyGraphTypes } from '@backstage/core-components';
import {
  EnvironmentResource,
  resourceTypeOf,
} from '@plinth/plugin-orchestrator-common';
import { outputRows, SECRET_MASK } from './outputs';

/** A workload or a resource of an environment, as the graph draws it. */
export type ResourceGraphNode =
  | { kind: 'workload'; title: string; detail: string; lines: string[] }
  | {
      kind: 'resource';
      title: string;
      detail: string;
      status: EnvironmentResource['status'];
      /** Its outputs, one `name: value` a line, secrets masked. */
      lines: string[];
    };

/**
 * The nodes and edges of an environment's resource graph: each workload
 * with an arrow to every resource it names, and each resource with an arrow
 * to the resources whose outputs its params read (provisioned before it).
 * Workload ids are prefixed so a workload and a resource never share one.
 */
export function resourceGraph(
  workloads: ReadonlyArray<string>,
  resources: ReadonlyArray<EnvironmentResource>,
): {
  nodes: DependencyGraphTypes.DependencyNode<ResourceGraphNode>[];
  edges: DependencyGraphTypes.DependencyEdge[];
} {
  const resourceIds = new Set(resources.map(r => r.resId));
  const workloadNames = [
    ...new Set([...workloads, ...resources.flatMap(r => r.usedBy)]),
  ].sort();
  const nodes: DependencyGraphTypes.DependencyNode<ResourceGraphNode>[] = [
    ...workloadNames.map(name => ({
      id: workloadNodeId(name),
      kind: 'workload' as const,
      title: name,
      detail: 'Workload',
      lines: [],
    })),
    ...resources.map(resource => ({
      id: resource.resId,
      kind: 'resource' as const,
      title: resource.resId,
      detail: [
        resourceTypeOf(resource.type)?.title ?? resource.type,
        resource.class === 'default' ? undefined : `class ${resource.class}`,
      ]
        .filter(Boolean)
        .join(', '),
      status: resource.status,
      lines: outputRows(resource).map(row =>
        row.secret
          ? `${row.name}: ${SECRET_MASK} (secret)`
          : `${row.name}: ${row.value}`,
      ),
    })),
  ];
  const edges: DependencyGraphTypes.DependencyEdge[] = resources.flatMap(
    resource => [
      ...resource.usedBy.map(workload => ({
        from: workloadNodeId(workload),
        to: resource.resId,
      })),
      // A dependency no longer in the environment has no node to point at.
      ...resource.dependsOn
        .filter(id => resourceIds.has(id))
        .map(id => ({ from: resource.resId, to: id, label: 'reads' })),
    ],
  );
  return { nodes, edges };
}

/** The graph node id of a workload. */
export function workloadNodeId(name: string): string {
  return `workload:${name}`;
}
