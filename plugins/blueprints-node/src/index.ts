/**
 * Node.js library of Plinth's blueprint plugins: reading Port-format files,
 * and the blueprints service for other backend plugins and modules.
 *
 * @packageDocumentation
 */

export { readPortFiles } from './files/readPortFiles';
export type {
  BlueprintDocument,
  EntityDocument,
  PortFileContents,
  ReadPortFilesOptions,
} from './files/readPortFiles';
export { blueprintsServiceRef } from './service/BlueprintsService';
export type { BlueprintsService } from './service/BlueprintsService';
export { BlueprintsClient } from './service/BlueprintsClient';
