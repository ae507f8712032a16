export { EntityBlueprintDefinitionCard } from './EntityBlueprintDefinitionCard';
