/**
 * Catalog module that accepts Plinth `Scorecard` entities: Port-format
 * scorecards kept in the catalog, next to the entities they level.
 *
 * @packageDocumentation
 */
export { catalogModuleScorecards as default } from './module';
export { ScorecardEntityProcessor } from './ScorecardEntityProcessor';
