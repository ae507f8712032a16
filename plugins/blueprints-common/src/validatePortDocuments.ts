import { resolveBlueprintSet } from './blueprint/BlueprintSet';
import { Blueprint } from './blueprint/types';
import { EntityValidator } from './entity/EntityValidator';
import { PortEntity } from './entity/types';
import { entityNameFor, findNameCollisions } from './mapping/names';
import { isWarning, Problem } from './problems';

/**
 * Port-format documents to validate together, as a file reader or an API
 * request gives them.
 * @public
 */
export interface PortDocuments {
  blueprints: Array<{ value: unknown; source: string; pointer?: string }>;
  entities: Array<{
    value: unknown;
    source: string;
    pointer?: string;
    /** The blueprint the document's location gives (a folder name, a group). */
    blueprintHint?: string;
  }>;
}

/**
 * A valid entity and the blueprint it was validated against.
 * @public
 */
export interface ValidatedEntity {
  entity: PortEntity;
  blueprint: string;
  source: string;
  pointer: string;
}

/**
 * What {@link validatePortDocuments} keeps, and why it dropped the rest.
 * @public
 */
export interface ValidatedPortDocuments {
  blueprints: Blueprint[];
  entities: ValidatedEntity[];
  problems: Problem[];
}

/**
 * Options of {@link validatePortDocuments}.
 * @public
 */
export interface ValidatePortDocumentsOptions {
  /** Blueprints already known (a registry's), used with those in the documents. */
  knownBlueprints?: Blueprint[];
  /**
   * Whether relation targets must be among the documents' entities. On for a
   * complete export (the CLI); off where the targets live elsewhere.
   */
  checkRelationTargets?: boolean;
}

/**
 * Validates blueprints and entities together: the blueprints one by one and as
 * a set (keeping only what can be applied whole), then every entity against
 * its blueprint, then what only the whole set shows (an identifier given
 * twice, two identifiers meeting on one Backstage name, relation targets).
 * `problems` holds the warnings of the documents' blueprints too (see
 * `isWarning`); those keep nothing out.
 *
 * An entity's blueprint is its own `blueprint` field, else the document's
 * `blueprintHint` when a blueprint of that name exists.
 *
 * @public
 */
export function validatePortDocuments(
  documents: PortDocuments,
  options: ValidatePortDocumentsOptions = {},
): ValidatedPortDocuments {
  const knownSources = new Set(
    (options.knownBlueprints ?? []).map(b => `blueprint ${b.identifier}`),
  );
  const resolved = resolveBlueprintSet([
    ...(options.knownBlueprints ?? []).map(blueprint => ({
      blueprint,
      source: `blueprint ${blueprint.identifier}`,
    })),
    ...documents.blueprints.map(({ value, source, pointer }) => ({
      blueprint: value,
      source,
      pointer,
    })),
  ]);
  // The warnings of blueprints already known were reported where they
  // were registered; these documents did not cause them.
  const problems: Problem[] = resolved.problems.filter(
    problem => !(isWarning(problem) && knownSources.has(problem.source)),
  );
  const validator = new EntityValidator(resolved.valid);
  const known = new Set(resolved.valid.map(b => b.identifier));
  // Blueprints given but left out: their entities are left out too, saying so.
  const leftOut = new Set(
    documents.blueprints
      .map(
        ({ value }) => (value as { identifier?: unknown } | null)?.identifier,
      )
      .filter((id): id is string => typeof id === 'string' && !known.has(id)),
  );

  // Which blueprint each entity belongs to, and which identifiers exist: the
  // relation targets an entity may name when targets are checked.
  const located = documents.entities.map(document => {
    const own = (document.value as { blueprint?: unknown } | null)?.blueprint;
    let blueprint: string | undefined;
    if (typeof own === 'string') {
      blueprint = own;
    } else if (
      document.blueprintHint &&
      (known.has(document.blueprintHint) || leftOut.has(document.blueprintHint))
    ) {
      blueprint = document.blueprintHint;
    }
    return { ...document, blueprint };
  });
  let exists: ((blueprint: string, identifier: string) => boolean) | undefined;
  if (options.checkRelationTargets) {
    const present = new Set(
      located.map(
        ({ value, blueprint }) =>
          `${blueprint}\u0000${
            (value as { identifier?: unknown } | null)?.identifier
          }`,
      ),
    );
    exists = (blueprint, identifier) =>
      present.has(`${blueprint}\u0000${identifier}`);
  }

  // Each entity against its blueprint; kept by blueprint, then identifier.
  const byBlueprint = new Map<string, Map<string, ValidatedEntity>>();
  for (const { value, source, pointer = '', blueprint } of located) {
    if (blueprint && leftOut.has(blueprint)) {
      const identifier = (value as { identifier?: unknown } | null)?.identifier;
      problems.push({
        source,
        pointer,
        entity: `${blueprint}:${identifier}`,
        message: `not applied: its blueprint "${blueprint}" is invalid (see the blueprint's problems)`,
      });
      continue;
    }
    const entityProblems = validator.validate(value, {
      source,
      pointer,
      blueprint,
      exists,
    });
    if (entityProblems.length > 0) {
      problems.push(...entityProblems);
      continue;
    }
    const entity = value as PortEntity;
    const ofBlueprint = byBlueprint.get(blueprint!) ?? new Map();
    const earlier = ofBlueprint.get(entity.identifier);
    if (earlier) {
      problems.push({
        source,
        pointer,
        entity: `${blueprint}:${entity.identifier}`,
        message: `the identifier is given twice: also in ${earlier.source}${
          earlier.pointer ? ` at ${earlier.pointer}` : ''
        }`,
      });
      continue;
    }
    ofBlueprint.set(entity.identifier, {
      entity,
      blueprint: blueprint!,
      source,
      pointer,
    });
    byBlueprint.set(blueprint!, ofBlueprint);
  }

  // Identifiers that meet on one Backstage name: both are left out.
  const entities: ValidatedEntity[] = [];
  for (const [blueprint, ofBlueprint] of byBlueprint) {
    const collisions = findNameCollisions(
      [...ofBlueprint.values()].map(({ entity, source, pointer }) => ({
        identifier: entity.identifier,
        source,
        pointer,
      })),
      blueprint,
    );
    problems.push(...collisions);
    const colliding = new Set(
      collisions.map(problem =>
        entityNameFor(
          problem.entity!.slice(blueprint.length + 1),
        ).toLocaleLowerCase('en-US'),
      ),
    );
    for (const validated of ofBlueprint.values()) {
      const name = entityNameFor(validated.entity.identifier);
      if (!colliding.has(name.toLocaleLowerCase('en-US'))) {
        entities.push(validated);
      }
    }
  }

  return {
    blueprints: resolved.valid,
    entities,
    problems,
  };
}
