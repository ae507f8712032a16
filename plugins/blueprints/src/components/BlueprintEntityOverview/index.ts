export { BlueprintEntityOverview } from './BlueprintEntityOverview';
export type { BlueprintEntityOverviewProps } from './BlueprintEntityOverview';
