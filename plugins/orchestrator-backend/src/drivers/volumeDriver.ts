import type { ResourceDriver } from '@plinth/plugin-orchestrator-node';
import { hashedLabelOf } from './names';

/**
 * The name of the volume of a resource key: a DNS-1123 label, what can be
 * read of the key and a hash of it (`cart-data-3f9a0c1b2d4e`), the same
 * for the same key and never the same for two keys.
 * @public
 */
export function volumeNameOf(key: string): string {
  return hashedLabelOf(key);
}

/**
 * The `volume` driver: a volume containers mount. The `volume` type lists
 * no outputs for placeholders, as a workload names the volume whole
 * (`source: ${resources.data}`); the driver gives it the output `source`,
 * the volume's name ({@link volumeNameOf}), which that whole reference
 * stands for when the deployment is rendered — as Score's reference
 * implementations do. Nothing is created here: the rendered deployment
 * declares the volume.
 * @public
 */
export function createVolumeDriver(): ResourceDriver {
  return {
    id: 'volume',
    resourceTypes: ['volume'],

    async provision(request) {
      return {
        outputs: { source: volumeNameOf(request.key) },
        secrets: {},
        state: {},
      };
    },

    async deprovision() {
      // Nothing was created.
    },
  };
}
