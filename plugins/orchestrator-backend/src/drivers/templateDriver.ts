import { InputError } from '@backstage/errors';
import { RESOURCE_TYPES } from '@plinth/plugin-orchestrator-common';
import type {
  ResourceDriver,
  ResourceDriverRequest,
} from '@plinth/plugin-orchestrator-node';
import { z } from 'zod/v4';
import { checkSecretOutputs, renderTemplate } from './context';

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

const templateMap = z.record(
  z.string(),
  z.string({ error: 'must be a text' }),
  {
    error: 'must be a map of output names to templates',
  },
);

const templateInputs = z.object({
  outputs: templateMap.optional(),
  secrets: templateMap.optional(),
});

function templatesOf(request: ResourceDriverRequest) {
  const parsed = templateInputs.safeParse(request.inputs);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      issue => `input ${issue.path.map(String).join('.')} ${issue.message}`,
    );
    throw new InputError(
      `Resource "${request.key}": the template driver's ${problems.join(
        '; ',
      )}.`,
    );
  }
  return {
    outputs: parsed.data.outputs ?? {},
    secrets: parsed.data.secrets ?? {},
  };
}

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
 * The inputs `outputs` and `secrets` map output names to templates, where
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
      const templates = templatesOf(request);
      const outputs: Record<string, string> = {};
      const secrets: Record<string, string> = {};
      for (const [name, template] of Object.entries(templates.outputs)) {
        const where = `outputs.${name}`;
        const rendered = renderTemplate(request, template, where);
        if (rendered.secretPlaceholders.length > 0) {
          throw new InputError(
            `Resource "${
              request.key
            }": ${where} uses the secret ${rendered.secretPlaceholders.join(
              ', ',
            )}; a template that uses a secret must be under secrets (secrets.${name}), so its value is stored sealed and never shown.`,
          );
        }
        outputs[name] = rendered.value;
      }
      for (const [name, template] of Object.entries(templates.secrets)) {
        secrets[name] = renderTemplate(
          request,
          template,
          `secrets.${name}`,
        ).value;
      }
      checkSecretOutputs(request, outputs, secrets, 'the template');
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
