/**
 * Node.js library of Plinth's blueprint plugins.
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
