export { EntityBlueprintPropertiesCard } from './EntityBlueprintPropertiesCard';
export type { EntityBlueprintPropertiesCardProps } from './EntityBlueprintPropertiesCard';
