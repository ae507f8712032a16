import type Ajv from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { pointerSegment } from '../problems';
import type { Problem } from '../problems';
import type { Blueprint, BlueprintRelation } from '../blueprint/types';
import {
  ENTITY_IDENTIFIER_MAX_LENGTH,
  identifierProblem,
} from '../blueprint/identifiers';
import {
  createPortAjv,
  describeAjvError,
  propertyJsonSchema,
} from './propertySchema';
import {
  describeValue,
  errorMessage,
  isObject,
  jsonTypeOf,
  listOf,
} from '../internal/messages';
import { ownValue } from '../internal/objects';

/**
 * Options of {@link EntityValidator.validate}.
 * @public
 */
export interface EntityValidationOptions {
  /** The file, URL or catalog entity the entity came from. */
  source: string;
  /**
   * The entity's blueprint when it is known from elsewhere (a folder named
   * after the blueprint, a flag). Otherwise the entity's own `blueprint`.
   */
  blueprint?: string;
  /** Where the entity sits in its document (`/3`); prefixed to every pointer. */
  pointer?: string;
  /** When given, relation targets must exist: `exists('System', 'Cart')`. */
  exists?: (blueprint: string, identifier: string) => boolean;
}

/** A blueprint prepared for validating its entities. */
interface Prepared {
  blueprint: Blueprint;
  /** Compiled on first use: most sets never see entities of every blueprint. */
  validateProperties?: ValidateFunction;
  /** Why the schema does not compile, for blueprints that skipped validateBlueprint. */
  compileError?: string;
  /** Required properties without a default (Port fills in a default). */
  required: string[];
  relations: Map<string, BlueprintRelation>;
  requiredRelations: string[];
}

/**
 * The problems of one validation. The list is only created for the first
 * problem, so a valid entity costs this one small object.
 */
class Collector {
  problems: Problem[] | undefined;

  constructor(
    private readonly options: EntityValidationOptions,
    private readonly blueprint: unknown,
    private readonly identifier: unknown,
  ) {}

  add(pointer: string, message: string) {
    const problem: Problem = {
      source: this.options.source,
      pointer: (this.options.pointer ?? '') + pointer,
      message,
    };
    const blueprint =
      typeof this.blueprint === 'string' ? this.blueprint : undefined;
    const id =
      typeof this.identifier === 'string' ? this.identifier : undefined;
    const entity = blueprint && id ? `${blueprint}:${id}` : blueprint ?? id;
    if (entity) {
      problem.entity = entity;
    }
    (this.problems ??= []).push(problem);
  }

  result(): Problem[] {
    return this.problems ?? [];
  }
}

const NO_RELATIONS = new Map<string, BlueprintRelation>();

/** Port's rule for entity identifiers, with their own maximum length. */
const ENTITY_IDENTIFIER = { maxLength: ENTITY_IDENTIFIER_MAX_LENGTH };

/** Why an entity identifier (or a relation target) is not one; `undefined` when it is. */
function entityIdentifierProblem(value: unknown): string | undefined {
  return identifierProblem(value, ENTITY_IDENTIFIER);
}

/**
 * Validates Port-format entities against their blueprints.
 *
 * Built once from a set of valid blueprints (as
 * {@link resolveBlueprintSet} returns them); each blueprint's property
 * schema is compiled with ajv once, on first use. A valid entity costs no
 * allocation beyond a small collector and the empty result, so large
 * imports validate faster than they parse.
 *
 * What it checks: `identifier` (Port's identifier characters), `title` and
 * `icon` (string or null), `team` (string, strings or null); `properties`
 * against the blueprint's schema, where `null` means "no value" and is
 * accepted for any property that is not required, and keys the blueprint
 * does not define are rejected; `relations`, whose keys must be the
 * blueprint's relations and whose values are an identifier, identifiers or
 * null: a single relation takes at most one target, a required relation at
 * least one, and with `exists` every target must exist.
 *
 * @example
 * ```ts
 * const validator = new EntityValidator(blueprints);
 * const problems = validator.validate(entity, {
 *   source: 'entities/Component/CartService.json',
 *   blueprint: 'Component',
 * });
 * // [{ pointer: '/properties/type', entity: 'Component:CartService',
 * //    message: 'property "type" must be one of service, library; got "servce"' }]
 * ```
 * @public
 */
export class EntityValidator {
  private readonly prepared = new Map<string, Prepared>();
  private ajv: Ajv | undefined;

  constructor(blueprints: Iterable<Blueprint>) {
    for (const blueprint of blueprints) {
      const properties = blueprint.schema?.properties;
      const relations = new Map(Object.entries(blueprint.relations ?? {}));
      this.prepared.set(blueprint.identifier, {
        blueprint,
        required: (blueprint.schema?.required ?? []).filter(
          key => ownValue(properties, key)?.default === undefined,
        ),
        relations: relations.size ? relations : NO_RELATIONS,
        requiredRelations: [...relations]
          .filter(([, relation]) => relation.required === true)
          .map(([key]) => key),
      });
    }
  }

  /** The identifiers of the blueprints this validator knows. */
  get blueprints(): string[] {
    return [...this.prepared.keys()];
  }

  /**
   * Checks one entity; returns its problems, empty when it is valid. Each
   * problem points into the entity (`/properties/type`, prefixed with
   * `options.pointer`) and names it (`Component:CartService`).
   */
  validate(entity: unknown, options: EntityValidationOptions): Problem[] {
    if (!isObject(entity)) {
      const out = new Collector(options, undefined, undefined);
      out.add('', `an entity must be a JSON object; got ${jsonTypeOf(entity)}`);
      return out.result();
    }
    const own = entity.blueprint;
    const blueprintId = options.blueprint ?? own;
    const identifier = entity.identifier;
    const out = new Collector(options, blueprintId, identifier);

    if (identifier === undefined) {
      out.add('', 'missing "identifier"');
    } else {
      const reason = entityIdentifierProblem(identifier);
      if (reason) out.add('/identifier', `identifier ${reason}`);
    }
    // An entity read as another blueprint than it names would only collect
    // consequences of that one mistake: say it alone.
    if (own !== undefined && (typeof own !== 'string' || own !== blueprintId)) {
      out.add(
        '/blueprint',
        typeof own !== 'string'
          ? `blueprint must be a string; got ${jsonTypeOf(own)}`
          : `blueprint "${own}" does not match "${blueprintId}", the blueprint this entity is read as`,
      );
      return out.result();
    }
    this.checkTopLevel(entity, out);

    if (typeof blueprintId !== 'string') {
      out.add(
        '',
        'missing "blueprint": the entity names no blueprint, and none was given for its file',
      );
      return out.result();
    }
    const prepared = this.prepared.get(blueprintId);
    if (!prepared) {
      const known = [...this.prepared.keys()];
      out.add(
        own === undefined ? '' : '/blueprint',
        `unknown blueprint "${blueprintId}"${
          known.length ? `; known blueprints: ${listOf(known)}` : ''
        }`,
      );
      return out.result();
    }

    this.checkProperties(entity, prepared, out);
    this.checkRelations(entity, prepared, options, out);
    return out.result();
  }

  private checkTopLevel(entity: Record<string, unknown>, out: Collector) {
    for (const key in entity) {
      if (!Object.prototype.hasOwnProperty.call(entity, key)) continue;
      const value = entity[key];
      switch (key) {
        case 'identifier':
        case 'blueprint':
        case 'properties':
        case 'relations':
          break;
        case 'scorecards':
          // Port adds scorecard results to the entities it returns.
          break;
        case 'title':
        case 'icon':
          if (value !== null && typeof value !== 'string') {
            out.add(
              `/${key}`,
              `${key} must be a string or null; got ${jsonTypeOf(value)}`,
            );
          }
          break;
        case 'team':
          this.checkTeam(value, out);
          break;
        case 'createdAt':
        case 'updatedAt':
        case 'createdBy':
        case 'updatedBy':
          if (typeof value !== 'string') {
            out.add(
              `/${key}`,
              `${key} must be a string; got ${jsonTypeOf(value)}`,
            );
          }
          break;
        default:
          out.add(
            `/${pointerSegment(key)}`,
            `unknown key "${key}"; an entity has identifier, title, icon, blueprint, team, properties and relations`,
          );
      }
    }
  }

  private checkTeam(team: unknown, out: Collector) {
    if (team === null || typeof team === 'string') return;
    if (Array.isArray(team)) {
      for (let i = 0; i < team.length; i++) {
        if (typeof team[i] !== 'string') {
          out.add(
            `/team/${i}`,
            `team must be a team name (string); got ${jsonTypeOf(team[i])}`,
          );
        }
      }
      return;
    }
    out.add(
      '/team',
      `team must be a team name, a list of team names, or null; got ${jsonTypeOf(
        team,
      )}`,
    );
  }

  private compile(prepared: Prepared): ValidateFunction | undefined {
    this.ajv ??= createPortAjv();
    const { blueprint } = prepared;
    // Own data properties whatever the keys (Object.fromEntries): a key
    // never reaches the object's prototype.
    const properties: Record<string, unknown> = Object.fromEntries([
      ...Object.entries(blueprint.schema?.properties ?? {}).map(
        ([key, property]) => [
          key,
          propertyJsonSchema(
            property as unknown as Record<string, unknown>,
            true,
          ),
        ],
      ),
      // Values of derived properties, as Port's exports include them, are
      // accepted and not checked: Plinth computes them itself.
      ...[
        blueprint.mirrorProperties,
        blueprint.calculationProperties,
        blueprint.aggregationProperties,
      ].flatMap(derived => Object.keys(derived ?? {}).map(key => [key, true])),
    ]);
    try {
      prepared.validateProperties = this.ajv.compile({
        type: 'object',
        properties,
        additionalProperties: false,
      });
    } catch (e) {
      // Only a blueprint that did not pass validateBlueprint gets here;
      // its entities get a problem, not a crash.
      prepared.compileError = errorMessage(e);
    }
    return prepared.validateProperties;
  }

  private checkProperties(
    entity: Record<string, unknown>,
    prepared: Prepared,
    out: Collector,
  ) {
    const values = entity.properties;
    const present = isObject(values);
    if (present) {
      const validate =
        prepared.validateProperties ??
        (prepared.compileError === undefined
          ? this.compile(prepared)
          : undefined);
      if (!validate) {
        out.add(
          '/properties',
          `blueprint ${prepared.blueprint.identifier} cannot check properties: its schema does not compile (${prepared.compileError})`,
        );
      } else if (!validate(values)) {
        for (const error of validate.errors ?? []) {
          this.propertyError(prepared, error, out);
        }
      }
    } else if (values !== undefined && values !== null) {
      out.add(
        '/properties',
        `properties must be an object; got ${jsonTypeOf(values)}`,
      );
      return;
    }
    const required = prepared.required;
    for (let i = 0; i < required.length; i++) {
      const key = required[i];
      const value = present ? ownValue(values, key) : undefined;
      if (value === undefined || value === null) {
        out.add(
          `/properties/${pointerSegment(key)}`,
          `property "${key}" is required${value === null ? '; got null' : ''}`,
        );
      }
    }
  }

  private propertyError(
    prepared: Prepared,
    error: ErrorObject,
    out: Collector,
  ) {
    const path = error.instancePath;
    if (path === '' && error.keyword === 'additionalProperties') {
      const key = String(
        (error.params as { additionalProperty: string }).additionalProperty,
      );
      const known = Object.keys(prepared.blueprint.schema?.properties ?? {});
      out.add(
        `/properties/${pointerSegment(key)}`,
        `unknown property "${key}"; blueprint ${
          prepared.blueprint.identifier
        } ${
          known.length
            ? `has the properties ${listOf(known)}`
            : 'has no properties'
        }`,
      );
      return;
    }
    // "/config/port" → property "config" at /port
    const slash = path.indexOf('/', 1);
    const head = slash < 0 ? path.slice(1) : path.slice(1, slash);
    const rest = slash < 0 ? '' : path.slice(slash);
    const key = head.replace(/~1/g, '/').replace(/~0/g, '~');
    out.add(
      `/properties${path}`,
      describeAjvError(error, `property "${key}"${rest ? ` at ${rest}` : ''}`),
    );
  }

  private checkRelations(
    entity: Record<string, unknown>,
    prepared: Prepared,
    options: EntityValidationOptions,
    out: Collector,
  ) {
    const values = entity.relations;
    const present = isObject(values);
    if (present) {
      for (const key in values) {
        if (!Object.prototype.hasOwnProperty.call(values, key)) continue;
        this.checkRelation(prepared, key, values[key], options, out);
      }
    } else if (values !== undefined && values !== null) {
      out.add(
        '/relations',
        `relations must be an object; got ${jsonTypeOf(values)}`,
      );
      return;
    }
    const required = prepared.requiredRelations;
    for (let i = 0; i < required.length; i++) {
      const key = required[i];
      const value = present ? ownValue(values, key) : undefined;
      if (
        value === undefined ||
        value === null ||
        value === '' ||
        (Array.isArray(value) && value.length === 0)
      ) {
        const target = prepared.relations.get(key)!.target;
        out.add(
          `/relations/${pointerSegment(key)}`,
          `relation ${key} is required: give the identifier of one ${target}${
            value === undefined ? '' : `; got ${describeValue(value)}`
          }`,
        );
      }
    }
  }

  private checkRelation(
    prepared: Prepared,
    key: string,
    value: unknown,
    options: EntityValidationOptions,
    out: Collector,
  ) {
    const relation = prepared.relations.get(key);
    if (!relation) {
      const known = [...prepared.relations.keys()];
      out.add(
        `/relations/${pointerSegment(key)}`,
        `unknown relation "${key}"; blueprint ${
          prepared.blueprint.identifier
        } ${
          known.length
            ? `has the relations ${listOf(known)}`
            : 'has no relations'
        }`,
      );
      return;
    }
    if (value === null) return;
    if (typeof value === 'string') {
      if (!this.targetOk(value, relation, options)) {
        this.badTarget(
          key,
          relation,
          value,
          `/relations/${pointerSegment(key)}`,
          options,
          out,
        );
      }
      return;
    }
    if (Array.isArray(value)) {
      // Port accepts a single relation as a one-item array.
      if (relation.many !== true && value.length > 1) {
        out.add(
          `/relations/${pointerSegment(key)}`,
          `too many targets: relation ${key} takes one ${relation.target}, got ${value.length}`,
        );
      }
      for (let i = 0; i < value.length; i++) {
        const target = value[i];
        if (
          typeof target !== 'string' ||
          !this.targetOk(target, relation, options)
        ) {
          this.badTarget(
            key,
            relation,
            target,
            `/relations/${pointerSegment(key)}/${i}`,
            options,
            out,
          );
        }
      }
      return;
    }
    out.add(
      `/relations/${pointerSegment(key)}`,
      relation.many
        ? `relation ${key} must be a list of ${
            relation.target
          } identifiers; got ${jsonTypeOf(value)}`
        : `relation ${key} must be the ${
            relation.target
          } identifier, or null; got ${jsonTypeOf(value)}`,
    );
  }

  private targetOk(
    target: string,
    relation: BlueprintRelation,
    options: EntityValidationOptions,
  ): boolean {
    return (
      entityIdentifierProblem(target) === undefined &&
      (!options.exists || options.exists(relation.target, target))
    );
  }

  private badTarget(
    key: string,
    relation: BlueprintRelation,
    target: unknown,
    pointer: string,
    options: EntityValidationOptions,
    out: Collector,
  ) {
    if (typeof target !== 'string') {
      out.add(
        pointer,
        `relation ${key} targets must be ${
          relation.target
        } identifiers (strings); got ${jsonTypeOf(target)}`,
      );
    } else if (target === '') {
      out.add(
        pointer,
        `relation ${key} target is empty; give a ${relation.target} identifier or null`,
      );
    } else if (entityIdentifierProblem(target) !== undefined) {
      out.add(
        pointer,
        `relation ${key} target is not an identifier: ${entityIdentifierProblem(
          target,
        )}`,
      );
    } else if (options.exists && !options.exists(relation.target, target)) {
      out.add(
        pointer,
        `relation ${key} points to ${relation.target} "${target}", which does not exist`,
      );
    }
  }
}
