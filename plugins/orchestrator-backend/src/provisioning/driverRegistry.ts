import { InputError } from '@backstage/errors';
import type { ResourceDriver } from '@plinth/plugin-orchestrator-node';

/**
 * The drivers by id; two drivers with one id fail the start naming it
 * (two modules installed for one driver).
 */
export function driverRegistry(
  drivers: readonly ResourceDriver[],
): ReadonlyMap<string, ResourceDriver> {
  const byId = new Map<string, ResourceDriver>();
  for (const driver of drivers) {
    if (byId.has(driver.id)) {
      throw new InputError(
        `Two resource drivers have the id "${driver.id}"; install one module per driver`,
      );
    }
    byId.set(driver.id, driver);
  }
  return byId;
}
