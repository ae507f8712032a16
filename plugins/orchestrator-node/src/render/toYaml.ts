import { stringify } from 'yaml';
import type { KubernetesObject } from './types';

/**
 * The objects as one multi-document YAML text, as `kubectl apply -f`
 * reads it: one document per object, in the order given, lines never
 * folded.
 * @public
 */
export function toYaml(manifests: readonly KubernetesObject[]): string {
  return manifests
    .map(object => `---\n${stringify(object, { lineWidth: 0 })}`)
    .join('');
}
