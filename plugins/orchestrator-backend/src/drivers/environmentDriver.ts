import { InputError } from '@backstage/errors';
import type { ResourceDriver } from '@plinth/plugin-orchestrator-node';

/**
 * The `environment` driver: the app's shared values and secrets in the
 * environment (the environment's win over the app's), by name, as the
 * outputs of an `environment` resource — `${resources.env.LOG_LEVEL}`.
 * Values are plain outputs and secrets secret ones (stored sealed, never
 * shown; a name that is both is a secret only). Nothing is created.
 * @public
 */
export function createEnvironmentDriver(): ResourceDriver {
  return {
    id: 'environment',
    resourceTypes: ['environment'],
    usesSharedValues: true,

    async provision(request) {
      if (!request.sharedValues) {
        throw new InputError(
          `Resource "${request.key}" (environment): the environment driver was given no shared values; the orchestrator gives them to drivers that ask for them (usesSharedValues).`,
        );
      }
      const { values, secrets } = request.sharedValues;
      // A name that is a secret somewhere is never shown in clear.
      const outputs = Object.fromEntries(
        Object.entries(values).filter(
          ([name]) => !Object.prototype.hasOwnProperty.call(secrets, name),
        ),
      );
      return {
        outputs,
        secrets: { ...secrets },
        state: {},
      };
    },

    async deprovision() {
      // Nothing was created.
    },
  };
}
