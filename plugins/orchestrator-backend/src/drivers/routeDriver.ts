import { InputError } from '@backstage/errors';
import type { ResourceDriver } from '@plinth/plugin-orchestrator-node';
import { isHostname } from './names';
import { portParamOf, textParamOf } from './params';

/**
 * The `route` driver: an HTTP route from the Score params — `host` (a host
 * name, required; written lowercase), `path` (a path prefix starting with
 * `/`; `/` when not given) and `port` (the workload's port it routes to,
 * required, 1 to 65535) — for the deployment to render as an ingress.
 * Nothing is created; the same params always give the same outputs.
 * @public
 */
export function createRouteDriver(): ResourceDriver {
  return {
    id: 'route',
    resourceTypes: ['route'],

    async provision(request) {
      const where = `Resource "${request.key}" (route)`;
      const host = textParamOf(
        request,
        'host',
        'the host name to route, such as api.example.com (often ${resources.<dns>.host})',
      ).toLowerCase();
      if (!isHostname(host)) {
        throw new InputError(
          `${where}: params.host "${host}" is not a host name: dot-separated labels of letters, digits and "-" (not at either end), each at most 63 characters, 253 in all.`,
        );
      }
      const rawPath = request.params.path ?? '/';
      if (typeof rawPath !== 'string' || !rawPath.startsWith('/')) {
        throw new InputError(
          `${where}: params.path must be a path starting with "/", such as /api, not ${JSON.stringify(
            rawPath,
          )}.`,
        );
      }
      if (/[\s?#]/.test(rawPath)) {
        throw new InputError(
          `${where}: params.path ${JSON.stringify(
            rawPath,
          )} may not hold spaces, "?" or "#": it is a path prefix.`,
        );
      }
      const port = portParamOf(request, 'port');
      return {
        outputs: { host, path: rawPath, port: String(port) },
        secrets: {},
        state: {},
      };
    },

    async deprovision() {
      // Nothing was created.
    },
  };
}
