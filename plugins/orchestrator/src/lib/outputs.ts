import {
  EnvironmentResource,
  resourceTypeOf,
} from '@plinth/plugin-orchestrator-common';

/** How a secret reads: set, never shown. */
export const SECRET_MASK = '••••••';

/** An output of a resource as listed: a plain value, or a secret that is set. */
export type OutputRow =
  | { name: string; secret: false; value: string }
  | { name: string; secret: true };

/**
 * A resource's outputs, plain ones with their values and secret ones by name
 * only. An output is secret when the resource names it so or its type
 * declares it so; a value the backend should never have sent for one is
 * dropped here all the same.
 */
export function outputRows(
  resource: Pick<EnvironmentResource, 'type' | 'outputs' | 'secretOutputs'>,
): OutputRow[] {
  const secret = new Set([
    ...resource.secretOutputs,
    ...(resourceTypeOf(resource.type)
      ?.outputs.filter(o => o.secret)
      .map(o => o.name) ?? []),
  ]);
  const plain: OutputRow[] = Object.entries(resource.outputs)
    .filter(([name]) => !secret.has(name))
    .map(([name, value]) => ({ name, secret: false, value: String(value) }));
  const secrets: OutputRow[] = resource.secretOutputs.map(name => ({
    name,
    secret: true,
  }));
  return [...plain, ...secrets].sort((a, b) => a.name.localeCompare(b.name));
}
