/**
 * Port-format blueprints for Backstage: the blueprint and entity types,
 * validation with precise errors, the mapping between Port entities and
 * Backstage catalog entities, and the permissions of Plinth's blueprint
 * plugins. Isomorphic: used by the backend, the frontend and the CLI.
 *
 * @packageDocumentation
 */

export type {
  AggregationCalculationSpec,
  AggregationProperty,
  Blueprint,
  BlueprintOwnership,
  BlueprintProperty,
  BlueprintPropertyType,
  BlueprintRelation,
  CalculationProperty,
  MirrorProperty,
} from './blueprint/types';
export type { PortEntity, PortRelationValue } from './entity/types';
export {
  errorsOf,
  formatProblem,
  isWarning,
  jsonPointer,
  pointerSegment,
} from './problems';
export type { Problem } from './problems';
export { describeValue } from './internal/messages';

export {
  DEFAULT_MAX_DOCUMENT_BYTES,
  parseDocument,
} from './parse/parseDocument';
export type {
  ParseDocumentOptions,
  ParsedDocument,
} from './parse/parseDocument';

export { validateBlueprint } from './blueprint/validateBlueprint';
export type {
  BlueprintValidationResult,
  ValidateBlueprintOptions,
} from './blueprint/validateBlueprint';
export {
  affectedBlueprints,
  resolveBlueprintSet,
  validateBlueprintSet,
} from './blueprint/BlueprintSet';
export type {
  BlueprintInput,
  BlueprintSource,
  ResolvedBlueprintSet,
} from './blueprint/BlueprintSet';
export { BLUEPRINT_META_SCHEMA } from './blueprint/blueprintMetaSchema';
export {
  IDENTIFIER_MAX_LENGTH,
  IDENTIFIER_PATTERN,
  META_PROPERTIES,
  PROPERTY_KEY_PATTERN,
  PROPERTY_TYPES,
  propertyTypeOf,
  STRING_FORMATS,
} from './blueprint/portFormat';
export {
  DESCRIPTION_MAX_LENGTH,
  ENTITY_IDENTIFIER_MAX_LENGTH,
  freeTextProblem,
  identifierProblem,
  isPrototypeKey,
  PROPERTY_KEY_MAX_LENGTH,
  propertyKeyProblem,
  PROTOTYPE_KEYS,
  TITLE_MAX_LENGTH,
} from './blueprint/identifiers';
export type { IdentifierRuleOptions } from './blueprint/identifiers';

export { EntityValidator } from './entity/EntityValidator';
export type { EntityValidationOptions } from './entity/EntityValidator';
export { validatePortDocuments } from './validatePortDocuments';
export type {
  PortDocuments,
  ValidatedEntity,
  ValidatedPortDocuments,
  ValidatePortDocumentsOptions,
} from './validatePortDocuments';

export {
  ANNOTATION_BLUEPRINT,
  ANNOTATION_IDENTIFIER,
  ANNOTATION_ORIGIN,
  PLINTH_API_VERSION,
  PLINTH_DEFINITION_KINDS,
} from './mapping/annotations';
export { builtInKindOf, entityTypeOf } from './mapping/kinds';
export type { BuiltInKind } from './mapping/kinds';
export {
  customKindFor,
  entityNameFor,
  findNameCollisions,
} from './mapping/names';
export {
  inverseNativeRelationField,
  isSingleValuedField,
  nativeRelationField,
} from './mapping/nativeRelations';
export type { NativeRelationField } from './mapping/nativeRelations';
export {
  backstageEntityToPort,
  portEntitiesToBackstage,
  portEntityToBackstage,
} from './mapping/portEntity';
export type {
  PortEntityMappingOptions,
  PortEntityOfBlueprint,
} from './mapping/portEntity';
export {
  BLUEPRINT_KIND,
  blueprintToEntity,
  entityToBlueprint,
} from './mapping/blueprintEntity';

export {
  blueprintCreatePermission,
  blueprintDeletePermission,
  blueprintEntityCreatePermission,
  blueprintEntityDeletePermission,
  blueprintEntityUpdatePermission,
  blueprintPermissions,
  blueprintUpdatePermission,
} from './permissions';

export {
  BLUEPRINTS_CATALOG_EVENT_TOPIC,
  BLUEPRINTS_DERIVED_EVENT_TOPIC,
  BLUEPRINTS_EVENT_TOPIC,
} from './api/types';
export type {
  BlueprintListResponse,
  BlueprintOrigin,
  BlueprintsEvent,
  BlueprintVersion,
  BlueprintVersionsResponse,
  CatalogEntitiesEvent,
  DerivedOwnership,
  DerivedEntitiesEvent,
  DerivedPropertiesBatchResponse,
  DerivedPropertiesResponse,
  DerivedPropertyKind,
  DerivedValue,
  EntityViewItem,
  EntityViewsBatchResponse,
  EntityViewsResponse,
  OwnedEntitiesResponse,
  RegisteredBlueprint,
  StoredEntity,
  StoredEntityListResponse,
  ValidationResponse,
} from './api/types';
export { blueprintEntityRef } from './mapping/refs';

export { computeAggregation } from './derived/aggregation';
export type { AggregationResult } from './derived/aggregation';
export {
  calculationInput,
  checkCalculatedValue,
  computeCalculations,
  mirrorPropertiesNamedBy,
} from './derived/calculation';
export type {
  CalculatedValue,
  ComputeCalculationsOptions,
  EntityCalculations,
} from './derived/calculation';
export { computeDerived } from './derived/computeDerived';
export { calculationRunner, jqCompileCheck } from './derived/calculationRunner';
export type {
  CalculationOutcome,
  CalculationRunner,
  ComputeDerivedOptions,
  DerivedResult,
} from './derived/computeDerived';
export {
  blueprintsReading,
  impactWalks,
  timeDependentBlueprints,
} from './derived/impact';
export type { ImpactWalk } from './derived/impact';
export { isJqError } from './derived/jq';
export type { JqErrorKind, JqEvaluator, JqResult } from './derived/jq';
export { MemoryEntityGraph } from './derived/MemoryEntityGraph';
export { aggregationWalks, forwardSteps, inverseWalk } from './derived/paths';
export type { RelationStep } from './derived/paths';
export { propertyValue, teamsOf } from './derived/view';
export type { EntityView } from './derived/view';
export { entityKey, walkMany } from './derived/walk';
export type { EntityGraph } from './derived/walk';
export {
  dateRangeBounds,
  evaluateRule,
  matchesQuery,
} from './query/evaluateQuery';
export type { RuleOutcome, RuleWording } from './query/evaluateQuery';
export {
  failureWords,
  formatFigure,
  requirementWords,
} from './query/ruleWords';
export type { RuleLabeler } from './query/ruleWords';
export { checkQuery, queryValueType } from './query/checkQuery';
export type { QueryProblem, QueryValueType } from './query/checkQuery';
export type {
  PortDateRange,
  PortPropertyOperator,
  PortPropertyRule,
  PortQuery,
  PortQueryRule,
  PortRelationRule,
} from './query/types';
export { blueprintOfEntity, catalogEntityToPort } from './mapping/catalogView';
export {
  blueprintRelationPairs,
  relationTypesOf,
} from './mapping/relationTypes';
export type { BlueprintRelationTypes } from './mapping/relationTypes';
export { PORT_FORMATS } from './entity/propertySchema';
export {
  isBlueprintsEvent,
  isCatalogEntitiesEvent,
  isDerivedEntitiesEvent,
} from './api/events';
