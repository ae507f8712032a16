/**
 * The Plinth DORA plugin: DORA metrics in Backstage's UI — a card for
 * components and systems (the five keys, their tiers and weekly trends), a
 * summary of their tiers for the top of their overview, and the DORA page
 * with dashboards for developers, managers and executives, over the DORA
 * backend at `/api/dora`.
 *
 * The default export is the plugin for the new frontend system;
 * `doraPlugin`, `DoraPage`, `EntityDoraCard` and `EntityDoraSummaryCard`
 * serve apps of the old one.
 *
 * @packageDocumentation
 */

export { doraFrontendPlugin as default } from './plugin';

export {
  doraPlugin,
  DoraPage,
  EntityDoraCard,
  EntityDoraSummaryCard,
} from './legacyPlugin';
export type { EntityDoraCardProps } from './components/EntityDoraCard';
export type { EntityDoraSummaryCardProps } from './components/EntityDoraSummaryCard';

export { doraApiRef } from './api/DoraApi';
export type {
  DoraApi,
  DoraDeploymentsQuery,
  DoraMetricsQuery,
  DoraTrendsQuery,
} from './api/DoraApi';
export { DoraClient } from './api/DoraClient';
