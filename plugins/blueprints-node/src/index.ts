/**
 * Node.js library of Plinth's blueprint plugins: reading Port-format files,
 * the jq engine of calculation properties, and the blueprints service for
 * other backend plugins and modules.
 *
 * @packageDocumentation
 */

export { listDocumentFiles, readPortFiles } from './files/readPortFiles';
export type {
  BlueprintDocument,
  EntityDocument,
  PortFileContents,
  ReadPortFilesOptions,
} from './files/readPortFiles';
export { blueprintsServiceRef } from './service/blueprintsServiceRef';
export type {
  BlueprintEntityStore,
  BlueprintsCallOptions,
  BlueprintsService,
} from './service/BlueprintsService';
export { BlueprintsClient } from './service/BlueprintsClient';
export { createJqEngine } from './jq/createJqEngine';
export type { JqEngine, JqEngineOptions } from './jq/createJqEngine';
export type { JqEngineName } from './jq/backends';
