import type { ScoreWorkload } from '@plinth/plugin-orchestrator-common';
import { compareText } from './order';
import type { Resolver } from './resolver';
import type { KubernetesObject, ResolvedResource } from './types';

/** An Ingress of the workload's `route` resources, if it has any. */
export function renderIngress(
  workload: ScoreWorkload,
  resolved: Record<string, ResolvedResource>,
  resolver: Resolver,
  ports: number[],
  serviceName: string,
  metadata: KubernetesObject['metadata'],
): KubernetesObject | undefined {
  const routes = Object.entries(workload.resources ?? {})
    .filter(([, r]) => r.type === 'route')
    .map(([n]) => n)
    .sort(compareText);
  if (!routes.length) return undefined;
  const byHost = new Map<string, Array<{ path: string; port: number }>>();
  for (const route of routes) {
    const key = `resources.${route}`;
    const outputs = resolved[route]?.outputs;
    if (!outputs) {
      resolver.problem(
        key,
        'the route has not been provisioned, so it has no host.',
      );
      continue;
    }
    const missing = ['host', 'port'].filter(o => !outputs[o]);
    if (missing.length) {
      resolver.problem(
        key,
        `the route has no output ${missing.map(m => `"${m}"`).join(' or ')}.`,
      );
      continue;
    }
    const port = Number(outputs.port);
    if (!ports.includes(port)) {
      resolver.problem(
        `${key}.params.port`,
        `the route goes to port ${
          outputs.port
        }, which the workload's service does not expose; its ports are: ${
          ports.length ? ports.join(', ') : 'none (declare service.ports)'
        }.`,
      );
      continue;
    }
    const paths = byHost.get(outputs.host) ?? [];
    paths.push({ path: outputs.path || '/', port });
    byHost.set(outputs.host, paths);
  }
  if (!byHost.size) return undefined;
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata,
    spec: {
      rules: [...byHost.keys()].sort(compareText).map(host => ({
        host,
        http: {
          paths: byHost
            .get(host)!
            .sort((a, b) => compareText(a.path, b.path) || a.port - b.port)
            .map(({ path, port }) => ({
              path,
              pathType: 'Prefix',
              backend: {
                service: { name: serviceName, port: { number: port } },
              },
            })),
        },
      })),
    },
  };
}
