/**
 * Node.js library of Plinth's platform orchestrator: the extension point
 * through which driver modules add resource drivers, the templates of
 * resource definitions, and the sealing of secrets (AES-256-GCM) that the
 * backend and drivers share.
 *
 * @packageDocumentation
 */

export {
  resourceDriversExtensionPoint,
  type ResourceDriver,
  type ResourceDriverRequest,
  type ResourceDriverResult,
  type ResourceDriversExtensionPoint,
  type ResourceSqlRequest,
  type ResourceSqlResult,
} from './drivers/ResourceDriver';
export {
  checkSecretOutputs,
  renderTemplate,
  renderTemplateOutputs,
  type RenderedTemplate,
  type TemplateContext,
} from './drivers/templateOutputs';
export {
  createSecretBox,
  secretBoxFromConfig,
  secretKeyFromBase64,
  type SecretBox,
  type SecretKey,
} from './secrets/SecretBox';
export { orchestratorServiceRef } from './service/orchestratorServiceRef';
export { OrchestratorClient } from './service/OrchestratorClient';
export type {
  EnvironmentDetails,
  OrchestratorCallOptions,
  OrchestratorService,
  SharedValueScope,
} from './service/OrchestratorService';
export { renderWorkloads } from './render/renderWorkloads';
export { toYaml } from './render/toYaml';
export { dnsLabelOf, dnsLabelWithSuffix, labelValueOf } from './render/names';
export type {
  DeploymentStrategy,
  KubernetesObject,
  RenderInput,
  RenderProblem,
  RenderResult,
  ResolvedResource,
  Routing,
} from './render/types';
export {
  DEFAULT_RESOURCE_TYPES,
  defaultResources,
  type DefaultResourcesInput,
  type DefaultResourcesResult,
} from './render/defaults/defaultResources';
