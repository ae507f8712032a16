import type { ScoreWorkload } from '@plinth/plugin-orchestrator-common';
import { compareText } from './order';
import type { Resolver } from './resolver';
import type { ResolvedResource } from './types';

/** A path prefix of a host, and the port of the workload's Service it goes to. */
export interface RoutePath {
  path: string;
  port: number;
}

/** A host the workload's routes serve, and its paths. */
export interface HostRoutes {
  host: string;
  paths: RoutePath[];
}

/**
 * The workload's `route` resources, by host: the hosts sorted, and each
 * host's paths sorted by path and port. A route that has not been
 * provisioned, lacks its `host` or `port` output, or goes to a port the
 * workload's Service does not expose is a problem, and left out.
 */
export function routesByHost(
  workload: ScoreWorkload,
  resolved: Record<string, ResolvedResource>,
  resolver: Resolver,
  ports: number[],
): HostRoutes[] {
  const routes = Object.entries(workload.resources ?? {})
    .filter(([, r]) => r.type === 'route')
    .map(([n]) => n)
    .sort(compareText);
  const byHost = new Map<string, RoutePath[]>();
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
  return [...byHost.keys()].sort(compareText).map(host => ({
    host,
    paths: byHost
      .get(host)!
      .sort((a, b) => compareText(a.path, b.path) || a.port - b.port),
  }));
}
