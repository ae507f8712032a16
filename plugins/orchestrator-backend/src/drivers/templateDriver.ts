import { RESOURCE_TYPES } from '@plinth/plugin-orchestrator-common';
import {
  renderTemplateOutputs,
  type ResourceDriver,
} from '@plinth/plugin-orchestrator-node';

/**
 * The built-in drivers a definition of any resource type may use, its own
 * types included: the backend accepts them for every type, whatever their
 * `resourceTypes` list (which names the types Plinth knows).
 * @public
 */
export const ANY_TYPE_DRIVER_IDS: readonly string[] = ['template', 'command'];

/**
 * Every resource type Plinth knows: the `resourceTypes` of the drivers of
 * any type ({@link ANY_TYPE_DRIVER_IDS}).
 * @public
 */
export const ALL_RESOURCE_TYPES: string[] = RESOURCE_TYPES.map(
  known => known.type,
);

/**
 * The `template` driver: a resource whose outputs are written in its
 * definition, as templates, and nothing is created. This is how a
 * resource that exists already is given to workloads — a Kafka topic on an
 * existing cluster, an external API, a shared bucket:
 *
 * ```yaml
 * type: kafka-topic
 * driver: template
 * driverInputs:
 *   values:
 *     outputs:
 *       host: kafka.internal
 *       port: '9092'
 *       name: ${app.name}-${environment.id}-${params.topic}
 *       num_partitions: ${params.partitions}
 * ```
 *
 * Its outputs are `renderTemplateOutputs` of
 * `@plinth/plugin-orchestrator-node`, which `plinth score render` uses
 * too. The inputs `outputs` and `secrets` map output names to templates, where
 * `${params.<path>}` (the Score params, a dotted path into nested maps and
 * lists), `${app.ref}`, `${app.name}` (`cartservice` of
 * `component:default/cartservice`), `${environment.id}`,
 * `${environment.type}`, `${resource.key}`, `${resource.type}`,
 * `${resource.class}`, `${resources.<dependency>.<output>}` and
 * `${inputs.<name>}` are replaced (`$${` writes a literal `${`). Numbers
 * and booleans are written out; a map or a list is an error. A template
 * that uses a secret — an input from a secret reference, a dependency's
 * secret output — must be under `secrets`, and so must the type's secret
 * outputs (a password).
 *
 * A definition of any resource type may use it (see
 * {@link ANY_TYPE_DRIVER_IDS}), its own types included. The same request
 * always gives the same outputs; deprovisioning does nothing.
 * @public
 */
export function createTemplateDriver(): ResourceDriver {
  return {
    id: 'template',
    resourceTypes: [...ALL_RESOURCE_TYPES],

    async provision(request) {
      const { outputs, secrets } = renderTemplateOutputs(request);
      request.logger.debug(
        `Template resource ${request.key} gives outputs ${
          Object.keys(outputs).join(', ') || 'none'
        } and secrets ${Object.keys(secrets).join(', ') || 'none'}`,
      );
      return { outputs, secrets, state: {} };
    },

    async deprovision() {
      // Nothing was created.
    },
  };
}
