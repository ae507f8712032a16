export { ScorecardsOverview } from './ScorecardsOverview';
export { ScorecardPage } from './ScorecardPage';
