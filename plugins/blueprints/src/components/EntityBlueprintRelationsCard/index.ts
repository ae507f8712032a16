export { EntityBlueprintRelationsCard } from './EntityBlueprintRelationsCard';
export type { EntityBlueprintRelationsCardProps } from './EntityBlueprintRelationsCard';
