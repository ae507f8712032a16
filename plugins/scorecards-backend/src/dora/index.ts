export { DoraStore } from './DoraStore';
export type { DoraDeploymentsQuery, DoraUpsertResult } from './DoraStore';
export { DoraService, DEFAULT_DORA_WINDOW_DAYS } from './DoraService';
export type {
  DoraBatchItem,
  DoraMetricsQuery,
  DoraServiceOptions,
} from './DoraService';
export {
  createDoraRouter,
  DEFAULT_DORA_MAX_BATCH_BYTES,
  PayloadTooLargeError,
} from './router';
export type { DoraRouterOptions, DoraWebhooksConfig } from './router';
export { readDoraConfig } from './config';
export type { DoraConfig } from './config';
export type {
  DoraWebhookEntityResolver,
  DoraWebhookSource,
} from './webhooks/types';
