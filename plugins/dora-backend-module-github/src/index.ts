/**
 * DORA events from GitHub webhooks (`deployment_status`, merged
 * `pull_request`), as an event source of Plinth's DORA backend.
 *
 * @packageDocumentation
 */

export { doraModuleGithub as default } from './module';
export { GitHubDoraSource } from './GitHubDoraSource';
export { githubDoraEvents } from './githubDoraEvents';
export type {
  GitHubDeploymentStatusTime,
  GitHubEntityResolver,
} from './githubDoraEvents';
