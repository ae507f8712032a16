import { InputError } from '@backstage/errors';
import type { ResourceDriver } from '@plinth/plugin-orchestrator-node';
import { isDnsLabel } from './names';
import { portParamOf, textParamOf } from './params';

/**
 * The host name of a workload's service, within its environment: the
 * workload's name, which Score makes a DNS label already. The deployment
 * names each workload's Kubernetes Service with it.
 * @public
 */
export function serviceNameOf(workload: string): string {
  return workload;
}

/**
 * The `service-port` driver: how to call another workload of the app —
 * `hostname`, its service's name ({@link serviceNameOf} of
 * `params.workload`), and `port` (`params.port`, 1 to 65535). Both params
 * are required. Nothing is created; the same params always give the same
 * outputs.
 * @public
 */
export function createServicePortDriver(): ResourceDriver {
  return {
    id: 'service-port',
    resourceTypes: ['service-port'],

    async provision(request) {
      const workload = textParamOf(
        request,
        'workload',
        'the name of the workload to call',
      );
      if (!isDnsLabel(workload)) {
        throw new InputError(
          `Resource "${request.key}" (service-port): params.workload "${workload}" names no workload: workload names are lowercase letters, digits and "-" (not at either end), at most 63 characters.`,
        );
      }
      const port = portParamOf(request, 'port');
      return {
        outputs: { hostname: serviceNameOf(workload), port: String(port) },
        secrets: {},
        state: {},
      };
    },

    async deprovision() {
      // Nothing was created.
    },
  };
}
