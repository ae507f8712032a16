/**
 * Port's blueprint format, as Port's API accepts it and as Port exports it.
 * A Port user's blueprint JSON is a valid {@link Blueprint} unchanged.
 */

/**
 * The JSON type of a blueprint property.
 * @public
 */
export type BlueprintPropertyType =
  | 'string'
  | 'number'
  | 'boolean'
  | 'object'
  | 'array';

/**
 * One property of a blueprint's `schema.properties`: a JSON schema with Port's
 * own keywords (`format` values such as `user` or `timer`, `spec`, `enumColors`,
 * `icon`).
 * @public
 */
export interface BlueprintProperty {
  /**
   * The JSON type. `enum` is how some of Port's integrations (ArgoCD) write
   * a string enum; read the type with `propertyTypeOf`, which gives
   * `string` for it.
   */
  type: BlueprintPropertyType | 'enum';
  title?: string;
  description?: string;
  icon?: string;
  /** `date-time`, `url`, `email`, `user`, `team`, `timer`, `markdown`, … */
  format?: string;
  /** For string properties that hold an API specification or a page. */
  spec?: 'open-api' | 'async-api' | 'embedded-url';
  enum?: Array<string | number | boolean | null>;
  enumColors?: Record<string, string>;
  default?: unknown;
  // The JSON-schema keywords Port accepts.
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  items?: Record<string, unknown>;
  properties?: Record<string, unknown>;
  additionalProperties?: boolean | Record<string, unknown>;
}

/**
 * A relation from a blueprint's entities to entities of `target`.
 * A missing `required` or `many` means `false`.
 * @public
 */
export interface BlueprintRelation {
  target: string;
  title?: string;
  description?: string;
  required?: boolean;
  many?: boolean;
}

/**
 * A property read through relations: `path` is a dot path of relation keys
 * ending in a property or meta-property (`system.domain.$title`).
 * @public
 */
export interface MirrorProperty {
  title?: string;
  path: string;
}

/**
 * A property computed by a jq program over the entity.
 * @public
 */
export interface CalculationProperty {
  title?: string;
  description?: string;
  icon?: string;
  calculation: string;
  type: BlueprintPropertyType;
  format?: string;
  spec?: string;
  colorized?: boolean;
  colors?: Record<string, string>;
  items?: Record<string, unknown>;
}

/**
 * How an aggregation property computes its value.
 * @public
 */
export type AggregationCalculationSpec =
  | {
      calculationBy: 'entities';
      func: 'count';
    }
  | {
      calculationBy: 'entities';
      func: 'average';
      averageOf: 'hour' | 'day' | 'week' | 'month' | 'total';
      measureTimeBy?: string;
    }
  | {
      calculationBy: 'property';
      func: 'sum' | 'min' | 'max' | 'median' | 'average';
      property: string;
      averageOf?: 'hour' | 'day' | 'week' | 'month' | 'total';
      measureTimeBy?: string;
    };

/**
 * A property aggregated over the related entities of blueprint `target`.
 * @public
 */
export interface AggregationProperty {
  title?: string;
  description?: string;
  icon?: string;
  type?: 'number';
  target: string;
  calculationSpec: AggregationCalculationSpec;
  /** A Port search query (`combinator` and `rules`) over the target entities. */
  query?: Record<string, unknown>;
  /** Restricts which relation paths lead from this blueprint to `target`. */
  pathFilter?: Array<{ path?: string[]; fromBlueprint?: string }>;
}

/**
 * Who owns a blueprint's entities: their own team, or a team inherited
 * through a relation path.
 * @public
 */
export type BlueprintOwnership =
  | { type: 'Direct'; title?: string }
  | { type: 'Inherited'; path: string; title?: string };

/**
 * A Port blueprint.
 * @public
 */
export interface Blueprint {
  identifier: string;
  title?: string;
  icon?: string;
  description?: string;
  schema: {
    properties: Record<string, BlueprintProperty>;
    required?: string[];
  };
  relations?: Record<string, BlueprintRelation>;
  mirrorProperties?: Record<string, MirrorProperty>;
  calculationProperties?: Record<string, CalculationProperty>;
  aggregationProperties?: Record<string, AggregationProperty>;
  /** Port's older name for calculation-like properties; only `{}` is accepted. */
  formulaProperties?: Record<string, never>;
  ownership?: BlueprintOwnership;
}
