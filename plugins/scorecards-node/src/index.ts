/**
 * Node.js library of Plinth's scorecard plugins: reading scorecard files
 * (JSON or YAML, one scorecard, a list, or Port's grouped resource files),
 * shared by the scorecards backend and the `plinth` CLI.
 *
 * @packageDocumentation
 */
export { readScorecardFiles } from './files/readScorecardFiles';
export type {
  ReadScorecardFilesOptions,
  ScorecardFileContents,
} from './files/readScorecardFiles';
