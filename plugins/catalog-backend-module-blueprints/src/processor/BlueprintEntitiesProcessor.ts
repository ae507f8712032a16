import {
  Entity,
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { LocationSpec } from '@backstage/plugin-catalog-common';
import {
  CatalogProcessor,
  CatalogProcessorCache,
  CatalogProcessorEmit,
  processingResult,
} from '@backstage/plugin-catalog-node';
import {
  Blueprint,
  BLUEPRINT_KIND,
  builtInKindOf,
  entityToBlueprint,
  errorsOf,
  jsonPointer,
  PLINTH_API_VERSION,
  PortEntity,
  Problem,
  validateBlueprint,
} from '@plinth/plugin-blueprints-common';
import { BlueprintCache } from '../BlueprintCache';
import { CatalogChangeFeed } from './CatalogChangeFeed';
import { RefLookup } from './CatalogRefLookup';
import { blueprintOf, mayHaveBlueprint, portViewOf } from './portView';
import {
  blueprintRelationsOf,
  RelationPair,
  relationsOf,
  relationTargetsOf,
} from './relations';

/** Key in an entity's processing cache: it was processed before. */
const PROCESSED_BEFORE = 'plinth.processedBefore';

function isBlueprintEntity(entity: Entity): boolean {
  return (
    entity.apiVersion === PLINTH_API_VERSION && entity.kind === BLUEPRINT_KIND
  );
}

/** All of an entity's problems in one error, as the catalog shows it. */
function invalid(entityRef: string, problems: Problem[]): InputError {
  const reasons = problems.map(p =>
    p.pointer ? `${p.pointer}: ${p.message}` : p.message,
  );
  return new InputError(`${entityRef} is not valid: ${reasons.join('; ')}`);
}

function emitPairs(pairs: RelationPair[], emit: CatalogProcessorEmit) {
  for (const { source, type, target, reverse } of pairs) {
    emit(processingResult.relation({ source, type, target }));
    emit(
      processingResult.relation({
        source: target,
        type: reverse,
        target: source,
      }),
    );
  }
}

/**
 * Recognises the kinds of blueprints in the catalog: `Blueprint` entities, and
 * every entity of a blueprint (mapped from Port, or written by hand under
 * Plinth's apiVersion). Validates each against its blueprint — types, formats,
 * enums, required properties and relations, relation cardinality — so an
 * invalid one shows as a processing error naming the field, and emits the
 * relations Backstage's own processor does not, both ways.
 *
 * Relation targets are checked against the catalog from an entity's second
 * processing on (its processing cache remembers the first): on the first its
 * targets may still be on their way (they are often ingested in the same
 * batch), so a new entity is let in, and a target still missing when it is
 * processed again is reported. An entity with an error keeps its last valid
 * version in the catalog, as Backstage does.
 *
 * Entities of built-in kinds are validated here and recognised by Backstage's
 * own processor as well.
 */
export class BlueprintEntitiesProcessor implements CatalogProcessor {
  private readonly refs?: RefLookup;
  private readonly feed?: CatalogChangeFeed;

  constructor(
    private readonly cache: BlueprintCache,
    options: {
      /** Where relation targets are looked up; unchecked without. */
      refs?: RefLookup;
      /** Where processed entities are announced, for derived properties. */
      feed?: CatalogChangeFeed;
    } = {},
  ) {
    this.refs = options.refs;
    this.feed = options.feed;
  }

  getProcessorName(): string {
    return 'PlinthBlueprintEntitiesProcessor';
  }

  async validateEntityKind(entity: Entity): Promise<boolean> {
    const entityRef = stringifyEntityRef(entity);
    if (isBlueprintEntity(entity)) {
      const { problems } = validateBlueprint(
        entityToBlueprint(entity),
        entityRef,
      );
      // A warning (Port's `"type": "enum"`, a keyword kept as written) is
      // no processing error; the blueprints backend reports it.
      const errors = errorsOf(problems);
      if (errors.length > 0) throw invalid(entityRef, errors);
      return true;
    }
    if (!mayHaveBlueprint(entity)) return false;

    const snapshot = await this.cache.get();
    const blueprint = blueprintOf(entity, snapshot);
    if (!blueprint) {
      throw new InputError(
        `${entityRef}: kind ${
          entity.kind
        } of ${PLINTH_API_VERSION} is no blueprint's kind; known blueprints: ${[
          ...snapshot.blueprints.keys(),
        ].join(', ')}`,
      );
    }
    const port = portViewOf(entity, blueprint);
    const problems = snapshot.validator.validate(port, {
      source: entityRef,
      blueprint,
    });
    if (problems.length > 0) throw invalid(entityRef, problems);
    // Built-in kinds are Backstage's own processor's to recognise.
    return !builtInKindOf(blueprint);
  }

  /** Relation targets not in the catalog. */
  private async missingTargets(
    entity: Entity,
    port: PortEntity,
    blueprint: Blueprint,
  ): Promise<Problem[]> {
    if (!this.refs) return [];
    const self = stringifyEntityRef(entity);
    const targets = relationTargetsOf(
      port,
      blueprint,
      getCompoundEntityRef(entity).namespace,
    ).map(t => ({ ...t, ref: stringifyEntityRef(t.target) }));
    if (targets.length === 0) return [];
    const existing = await this.refs.existing(targets.map(t => t.ref));
    return targets
      .filter(t => !existing.has(t.ref))
      .map(t => ({
        source: self,
        pointer: jsonPointer('relations', t.key),
        message: `no ${t.relation.target} "${t.identifier}" in the catalog (looked for ${t.ref})`,
      }));
  }

  async postProcessEntity(
    entity: Entity,
    _location: LocationSpec,
    emit: CatalogProcessorEmit,
    cache: CatalogProcessorCache,
  ): Promise<Entity> {
    if (isBlueprintEntity(entity)) {
      emitPairs(blueprintRelationsOf(entity, entityToBlueprint(entity)), emit);
      return entity;
    }
    if (!mayHaveBlueprint(entity)) return entity;
    const snapshot = await this.cache.get();
    const identifier = blueprintOf(entity, snapshot);
    const blueprint = identifier && snapshot.blueprints.get(identifier);
    if (blueprint) {
      const port = portViewOf(entity, identifier);
      // The entity's own processing cache says whether it was processed
      // before: its targets are checked from the second time on.
      if (await cache.get<boolean>(PROCESSED_BEFORE)) {
        const problems = await this.missingTargets(entity, port, blueprint);
        if (problems.length > 0) {
          throw invalid(stringifyEntityRef(entity), problems);
        }
      } else {
        await cache.set(PROCESSED_BEFORE, true);
      }
      emitPairs(relationsOf(entity, port, blueprint), emit);
      this.feed?.offer(stringifyEntityRef(entity).toLocaleLowerCase('en-US'), {
        ...port,
        blueprint: identifier,
      });
    }
    return entity;
  }
}
