/**
 * Plinth's scorecards backend: Port-format scorecards evaluated over the
 * blueprints backend's entities, with results, history, exemptions and
 * campaigns.
 *
 * @packageDocumentation
 */
export { scorecardsPlugin as default } from './plugin';
