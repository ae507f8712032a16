import {
  AuthService,
  BackstageCredentials,
  isDatabaseConflictError,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { EventsService } from '@backstage/plugin-events-node';
import {
  affectedBlueprints,
  Blueprint,
  BLUEPRINT_KIND,
  BlueprintListResponse,
  BlueprintOrigin,
  ANNOTATION_ORIGIN,
  BlueprintsEvent,
  BlueprintVersion,
  EntityValidator,
  entityToBlueprint,
  errorsOf,
  formatProblem,
  isWarning,
  jsonPointer,
  PLINTH_API_VERSION,
  Problem,
  RegisteredBlueprint,
  resolveBlueprintSet,
  validateBlueprint,
  ValidationResponse,
} from '@plinth/plugin-blueprints-common';
import { invalidInput, principalRef } from '@plinth/backend-utils';
import { readPortFiles } from '@plinth/plugin-blueprints-node';
import { isAbsolute, resolve } from 'node:path';
import type {
  ApiBlueprintChange,
  AppliedBlueprintInput,
  BlueprintsStore,
  RegistrySnapshot,
} from '../database/BlueprintsStore';
import { stableJson } from '../lib/stableJson';
import { announce } from './announce';

/** The value of {@link ANNOTATION_ORIGIN} on blueprints published from the registry. */
export const ORIGIN_REGISTRY = 'registry';

/** How many times a save that lost a race with another replica is retried. */
const SAVE_ATTEMPTS = 3;

/**
 * Says why a jq program does not compile, or `undefined` when it does.
 * @public
 */
export type ProgramCheck = (program: string) => Promise<string | undefined>;

/** A blueprint as read from one of the registry's sources, not yet validated. */
interface SourceInput {
  blueprint: unknown;
  origin: BlueprintOrigin;
  /** The file, the catalog entity ref, or `api`. */
  source: string;
  /** Where problems say the blueprint comes from. */
  problemSource: string;
  pointer?: string;
  /** Who a change from this source is recorded as made by. */
  changedBy: string;
}

/** What every source gave, read at one moment. */
interface Sources {
  inputs: SourceInput[];
  /** Files that could not be read, the catalog when it could not be read. */
  problems: Problem[];
}

/** The inputs resolved into what can be applied. */
interface Resolution {
  applied: AppliedBlueprintInput[];
  problems: Problem[];
}

function identifierOf(value: unknown): string | undefined {
  const identifier = (value as { identifier?: unknown } | null)?.identifier;
  return typeof value === 'object' && typeof identifier === 'string'
    ? identifier
    : undefined;
}

/** Where problems of an API blueprint say it comes from. */
function apiProblemSource(value: unknown): string {
  const identifier = identifierOf(value);
  return identifier === undefined ? 'request' : `api:${identifier}`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The blueprint registry: the current set of blueprints from files named in
 * the configuration, from catalog entities of kind `Blueprint`, and from the
 * API, resolved together so that only what can be applied whole is applied.
 *
 * The applied set is kept in memory and in the database, where other
 * replicas find it; every change of a blueprint's definition is recorded as
 * a new version. Changes to the set are announced on
 * {@link @plinth/plugin-blueprints-common#BLUEPRINTS_EVENT_TOPIC}.
 */
export class BlueprintRegistry {
  private readonly store: BlueprintsStore;
  private readonly logger: LoggerService;
  private readonly catalog: CatalogService;
  private readonly auth: AuthService;
  private readonly events: EventsService;
  private readonly files: string[];
  private readonly relativeTo?: string;
  private readonly checkProgram?: ProgramCheck;
  /** Program → why it does not compile (`undefined`: it does). */
  private readonly programProblems = new Map<string, string | undefined>();

  private snapshot: RegistrySnapshot = { items: [], problems: [] };
  private byId = new Map<string, RegisteredBlueprint>();
  private validator: EntityValidator | undefined;
  /** Refreshes and changes run one at a time in this process. */
  private queue: Promise<unknown> = Promise.resolve();
  private started: Promise<void> | undefined;

  constructor(options: {
    store: BlueprintsStore;
    logger: LoggerService;
    catalog: CatalogService;
    auth: AuthService;
    events: EventsService;
    /** Files and folders of blueprints (`plinth.blueprints.files`). */
    files: string[];
    /** Relative file paths start here; the working folder by default. */
    relativeTo?: string;
    /**
     * Says why a calculation property's jq program does not compile
     * (`undefined` when it does); without it, programs are not checked.
     */
    checkProgram?: ProgramCheck;
  }) {
    this.store = options.store;
    this.logger = options.logger;
    this.catalog = options.catalog;
    this.auth = options.auth;
    this.events = options.events;
    this.files = options.files;
    this.relativeTo = options.relativeTo;
    this.checkProgram = options.checkProgram;
  }

  /**
   * Starts the first load, once: the set saved before (by this or another
   * replica) at once, then a refresh from the sources. When the sources
   * cannot be read, the saved set is what the registry serves.
   */
  start(): Promise<void> {
    this.started ??= (async () => {
      try {
        await this.reload();
      } catch (error) {
        this.logger.error(
          'Could not read the saved blueprints',
          error as Error,
        );
      }
      try {
        await this.refresh();
      } catch (error) {
        this.logger.error(
          'Could not load the blueprints from their sources; serving the set saved before',
          error as Error,
        );
      }
    })();
    return this.started;
  }

  /** Resolves once the first load is done (starting it if need be). */
  ready(): Promise<void> {
    return this.start();
  }

  /**
   * Every applied blueprint, and the problems of those left out; warnings
   * of applied blueprints too, with `severity: 'warning'`.
   */
  list(): BlueprintListResponse {
    return { items: this.snapshot.items, problems: this.snapshot.problems };
  }

  /** One applied blueprint. */
  get(identifier: string): RegisteredBlueprint | undefined {
    return this.byId.get(identifier);
  }

  /**
   * One applied blueprint.
   * @throws NotFoundError when there is none of that identifier
   */
  require(identifier: string): RegisteredBlueprint {
    const registered = this.byId.get(identifier);
    if (!registered) {
      throw new NotFoundError(`no blueprint "${identifier}"`);
    }
    return registered;
  }

  /** A validator for entities of the applied blueprints. */
  entityValidator(): EntityValidator {
    this.validator ??= new EntityValidator(
      this.snapshot.items.map(item => item.blueprint),
    );
    return this.validator;
  }

  /**
   * Every version a blueprint has had, newest first, including those of a
   * blueprint that is gone.
   * @throws NotFoundError when the blueprint was never known
   */
  async versions(identifier: string): Promise<BlueprintVersion[]> {
    const versions = await this.store.listVersions(identifier);
    if (versions.length === 0) {
      throw new NotFoundError(`no blueprint "${identifier}" was ever known`);
    }
    return versions;
  }

  /**
   * Reads every source again, applies what can be applied, records new
   * versions, and announces a change of the set.
   */
  refresh(): Promise<void> {
    return this.serial(async () => {
      const sources = await this.readSources();
      await this.save(await this.resolve(sources));
    });
  }

  /**
   * Loads the applied set from the database, where another replica may
   * have changed it.
   */
  async reload(): Promise<void> {
    const snapshot = await this.store.getRegistry();
    if (stableJson(snapshot) !== stableJson(this.snapshot)) {
      this.setSnapshot(snapshot);
    }
  }

  /**
   * Creates a blueprint of origin `api`.
   * @throws InputError when it is invalid alone, or would leave it or any
   *   other blueprint out of the set
   * @throws ConflictError when a blueprint of that identifier exists
   */
  create(
    value: unknown,
    credentials: BackstageCredentials,
  ): Promise<RegisteredBlueprint> {
    return this.serial(async () => {
      const alone = validateBlueprint(value, apiProblemSource(value));
      if (!alone.blueprint) {
        throw invalidInput(alone.problems, formatProblem);
      }
      const blueprint = alone.blueprint;
      const identifier = blueprint.identifier;
      const sources = await this.readSources();
      const existing = sources.inputs.find(
        input => identifierOf(input.blueprint) === identifier,
      );
      if (existing) {
        throw new ConflictError(
          existing.origin === 'api'
            ? `blueprint "${identifier}" already exists`
            : `blueprint "${identifier}" already exists, managed in ${existing.source}`,
        );
      }
      const by = principalRef(credentials);
      const saved = await this.change(
        sources,
        [...sources.inputs, this.apiInput(blueprint, by)],
        identifier,
        { type: 'create', blueprint, by },
      );
      return saved.find(item => item.blueprint.identifier === identifier)!;
    });
  }

  /**
   * Replaces a blueprint of origin `api`.
   * @throws NotFoundError when there is none of that identifier
   * @throws ConflictError when it comes from a file or the catalog
   * @throws InputError when the new definition is invalid alone, or would
   *   leave it or any other blueprint out of the set
   */
  replace(
    identifier: string,
    value: unknown,
    credentials: BackstageCredentials,
  ): Promise<RegisteredBlueprint> {
    return this.serial(async () => {
      const sources = await this.readSources();
      const target = this.apiInputOf(sources, identifier);
      const body = isObject(value) ? { identifier, ...value } : value;
      const given = identifierOf(body);
      if (given !== undefined && given !== identifier) {
        throw new InputError(
          `the identifier in the body, "${given}", is not "${identifier}"; a blueprint cannot be renamed`,
        );
      }
      const alone = validateBlueprint(body, apiProblemSource(body));
      if (!alone.blueprint) {
        throw invalidInput(alone.problems, formatProblem);
      }
      const blueprint = alone.blueprint;
      const by = principalRef(credentials);
      const saved = await this.change(
        sources,
        sources.inputs.map(input =>
          input === target ? this.apiInput(blueprint, by) : input,
        ),
        identifier,
        { type: 'update', blueprint, by },
      );
      return saved.find(item => item.blueprint.identifier === identifier)!;
    });
  }

  /**
   * Deletes a blueprint of origin `api`. Its version history is kept.
   * @throws NotFoundError when there is none of that identifier
   * @throws ConflictError when it comes from a file or the catalog, when
   *   another blueprint depends on it, or when the entity store has
   *   entities of it
   */
  delete(identifier: string): Promise<void> {
    return this.serial(async () => {
      const sources = await this.readSources();
      const target = this.apiInputOf(sources, identifier);
      const current = (await this.resolve(sources)).applied.map(
        a => a.blueprint,
      );
      const dependents = [...affectedBlueprints(current, [identifier])].filter(
        id => id !== identifier,
      );
      if (dependents.length > 0) {
        throw new ConflictError(
          `blueprint "${identifier}" cannot be deleted: ${dependents
            .map(id => `"${id}"`)
            .join(', ')} ${
            dependents.length === 1 ? 'depends' : 'depend'
          } on it`,
        );
      }
      await this.change(
        sources,
        sources.inputs.filter(input => input !== target),
        undefined,
        { type: 'delete', identifier },
      );
    });
  }

  /**
   * Checks a blueprint alone and against the applied set, as if it replaced
   * the blueprint of the same identifier. Nothing is saved. A valid
   * blueprint's problems are its warnings (Port's `"type": "enum"`, unknown
   * keywords kept as written), if any.
   */
  async validate(value: unknown): Promise<ValidationResponse> {
    const source = apiProblemSource(value);
    const alone = validateBlueprint(value, source);
    if (!alone.blueprint) {
      return { valid: false, problems: alone.problems };
    }
    const identifier = alone.blueprint.identifier;
    const others = this.snapshot.items.filter(
      item => item.blueprint.identifier !== identifier,
    );
    const resolved = resolveBlueprintSet([
      ...others.map(item => ({
        blueprint: item.blueprint,
        source:
          item.origin === 'api'
            ? apiProblemSource(item.blueprint)
            : item.source,
      })),
      { blueprint: alone.blueprint, source },
    ]);
    const programs = await this.withPrograms(
      resolved.valid,
      new Map([[identifier, { problemSource: source } as SourceInput]]),
    );
    const applied = new Set(programs.valid.map(b => b.identifier));
    const valid =
      applied.has(identifier) &&
      others.every(item => applied.has(item.blueprint.identifier));
    // Only this blueprint's warnings: the others' are the registry's.
    const relevant = [...resolved.problems, ...programs.problems].filter(
      problem => !isWarning(problem) || problem.source === source,
    );
    return {
      valid,
      problems: valid ? relevant.filter(isWarning) : relevant,
    };
  }

  private apiInput(blueprint: unknown, by: string): SourceInput {
    return {
      blueprint,
      origin: 'api',
      source: 'api',
      problemSource: apiProblemSource(blueprint),
      changedBy: by,
    };
  }

  /** The API input of that identifier, or why it cannot be changed. */
  private apiInputOf(sources: Sources, identifier: string): SourceInput {
    const inputs = sources.inputs.filter(
      input => identifierOf(input.blueprint) === identifier,
    );
    const elsewhere = inputs.find(input => input.origin !== 'api');
    if (elsewhere) {
      throw new ConflictError(
        `blueprint "${identifier}" is managed in ${elsewhere.source}; change it there`,
      );
    }
    const target = inputs.find(input => input.origin === 'api');
    if (!target) {
      throw new NotFoundError(`no blueprint "${identifier}"`);
    }
    return target;
  }

  /**
   * Applies a change made through the API, whole or not at all: refused
   * when the changed blueprint, or any blueprint applied before, would be
   * left out.
   */
  private async change(
    sources: Sources,
    inputs: SourceInput[],
    subject: string | undefined,
    apiChange: ApiBlueprintChange,
  ): Promise<RegisteredBlueprint[]> {
    const before = await this.resolve(sources);
    const after = await this.resolve({ inputs, problems: sources.problems });
    const applied = new Set(after.applied.map(a => a.blueprint.identifier));
    const removed = apiChange.type === 'delete' ? apiChange.identifier : '';
    const lost = before.applied.filter(
      a =>
        !applied.has(a.blueprint.identifier) &&
        a.blueprint.identifier !== removed,
    );
    if ((subject !== undefined && !applied.has(subject)) || lost.length > 0) {
      // Say what this change causes; when it causes nothing new (the
      // blueprint was left out before), what keeps it out. Warnings keep
      // nothing out.
      const errors = errorsOf(after.problems);
      const known = new Set(before.problems.map(formatProblem));
      const fresh = errors.filter(p => !known.has(formatProblem(p)));
      const own = errors.filter(p => p.source === `api:${subject}`);
      let reasons = errors;
      if (fresh.length > 0) {
        reasons = fresh;
      } else if (own.length > 0) {
        reasons = own;
      }
      throw invalidInput(reasons, formatProblem);
    }
    return this.save(after, apiChange);
  }

  /**
   * Resolves the inputs into the set to apply and its problems: the set's
   * own checks, then the jq programs of calculation properties, which must
   * compile — a blueprint with one that does not is left out whole, with
   * the blueprints that depend on it.
   */
  private async resolve(sources: Sources): Promise<Resolution> {
    const resolved = resolveBlueprintSet(
      sources.inputs.map(input => ({
        blueprint: input.blueprint,
        source: input.problemSource,
        pointer: input.pointer || undefined,
      })),
    );
    // Applied identifiers are unique among the inputs: a blueprint defined
    // twice is left out in both places.
    const inputById = new Map<string, SourceInput>();
    for (const input of sources.inputs) {
      const identifier = identifierOf(input.blueprint);
      if (identifier !== undefined) {
        inputById.set(identifier, input);
      }
    }
    const { valid, problems } = await this.withPrograms(
      resolved.valid,
      inputById,
    );
    return {
      applied: valid.map(blueprint => {
        const input = inputById.get(blueprint.identifier)!;
        return {
          blueprint,
          origin: input.origin,
          source: input.source,
          changedBy: input.changedBy,
        };
      }),
      problems: [...sources.problems, ...resolved.problems, ...problems],
    };
  }

  /** Leaves out the blueprints whose jq programs do not compile. */
  private async withPrograms(
    blueprints: Blueprint[],
    inputById: Map<string, SourceInput>,
  ): Promise<{ valid: Blueprint[]; problems: Problem[] }> {
    const problems: Problem[] = [];
    const failing = new Set<string>();
    for (const blueprint of blueprints) {
      const input = inputById.get(blueprint.identifier);
      for (const [key, property] of Object.entries(
        blueprint.calculationProperties ?? {},
      )) {
        const message = await this.programProblem(property.calculation);
        if (message === undefined) continue;
        failing.add(blueprint.identifier);
        problems.push({
          source: input?.problemSource ?? blueprint.identifier,
          pointer: `${input?.pointer ?? ''}${jsonPointer(
            'calculationProperties',
            key,
            'calculation',
          )}`,
          message: `the jq program of calculation property "${key}" does not compile: ${message}`,
        });
      }
    }
    if (failing.size === 0) return { valid: blueprints, problems };
    const out = affectedBlueprints(blueprints, failing);
    for (const identifier of out) {
      if (failing.has(identifier)) continue;
      const input = inputById.get(identifier);
      problems.push({
        source: input?.problemSource ?? identifier,
        pointer: input?.pointer ?? '',
        message: `not applied: it depends on ${[...failing]
          .map(id => `"${id}"`)
          .join(', ')}, left out because a jq program does not compile`,
      });
    }
    return {
      valid: blueprints.filter(b => !out.has(b.identifier)),
      problems,
    };
  }

  private async programProblem(program: string): Promise<string | undefined> {
    if (!this.checkProgram || typeof program !== 'string') return undefined;
    if (!this.programProblems.has(program)) {
      this.programProblems.set(program, await this.checkProgram(program));
    }
    return this.programProblems.get(program);
  }

  private async save(
    resolution: Resolution,
    apiChange?: ApiBlueprintChange,
  ): Promise<RegisteredBlueprint[]> {
    for (let attempt = 1; ; attempt++) {
      try {
        const saved = await this.store.saveRegistry({
          applied: resolution.applied,
          problems: resolution.problems,
          apiChange,
        });
        this.logNewProblems(saved.problems);
        this.setSnapshot(saved);
        if (saved.changed) {
          // Not awaited: a subscriber may call back into this registry,
          // which must not wait for its own announcement.
          void this.publish({ type: 'blueprints.changed' });
        }
        return saved.items;
      } catch (error) {
        // Another replica recorded a version at the same moment: read the
        // versions again and retry.
        if (!isDatabaseConflictError(error) || attempt >= SAVE_ATTEMPTS) {
          throw error;
        }
      }
    }
  }

  private async readSources(): Promise<Sources> {
    const [files, catalog, api] = await Promise.all([
      this.readFiles(),
      this.readCatalog(),
      this.store.listApiBlueprints(),
    ]);
    return {
      inputs: [
        ...files.inputs,
        ...catalog.inputs,
        ...api.map(record => this.apiInput(record.blueprint, record.updatedBy)),
      ],
      problems: [...files.problems, ...catalog.problems],
    };
  }

  /**
   * The blueprints of the configured files; their entities are not read
   * here. Sources are named as configured: relative to the working folder,
   * or absolute.
   */
  private async readFiles(): Promise<Sources> {
    const sources: Sources = { inputs: [], problems: [] };
    for (const path of this.files) {
      const contents = await readPortFiles([path], {
        relativeTo: this.relativeTo,
      });
      const name = (source: string) =>
        isAbsolute(path)
          ? resolve(this.relativeTo ?? process.cwd(), source)
          : source;
      for (const document of contents.blueprints) {
        const source = name(document.source);
        sources.inputs.push({
          blueprint: document.value,
          origin: 'file',
          source,
          problemSource: source,
          pointer: document.pointer,
          changedBy: `file:${source}`,
        });
      }
      sources.problems.push(
        ...contents.problems.map(problem => ({
          ...problem,
          source: name(problem.source),
        })),
      );
    }
    return sources;
  }

  /**
   * The catalog's `Blueprint` entities, except those the catalog module
   * published from this registry. When the catalog cannot be read, the
   * catalog blueprints applied now are kept, with a problem saying so.
   */
  private async readCatalog(): Promise<Sources> {
    let entities: Entity[];
    try {
      const { items } = await this.catalog.getEntities(
        { filter: { kind: BLUEPRINT_KIND } },
        { credentials: await this.auth.getOwnServiceCredentials() },
      );
      entities = items;
    } catch (error) {
      const kept = this.snapshot.items.filter(
        item => item.origin === 'catalog',
      );
      this.logger.warn(
        `Could not read the catalog's ${BLUEPRINT_KIND} entities; keeping the ${kept.length} read before`,
        error as Error,
      );
      return {
        inputs: kept.map(item => ({
          blueprint: item.blueprint,
          origin: 'catalog',
          source: item.source,
          problemSource: item.source,
          changedBy: item.source,
        })),
        problems: [
          {
            source: 'catalog',
            pointer: '',
            message: `the ${BLUEPRINT_KIND} entities could not be read (${
              (error as Error).message
            }); the ${kept.length} read before are kept`,
          },
        ],
      };
    }
    const sources: Sources = { inputs: [], problems: [] };
    for (const entity of entities) {
      if (
        entity.metadata.annotations?.[ANNOTATION_ORIGIN] === ORIGIN_REGISTRY
      ) {
        continue;
      }
      const ref = stringifyEntityRef(entity);
      if (entity.apiVersion !== PLINTH_API_VERSION) {
        sources.problems.push({
          source: ref,
          pointer: '/apiVersion',
          message: `a ${BLUEPRINT_KIND} entity must have apiVersion ${PLINTH_API_VERSION}; got "${entity.apiVersion}"`,
        });
        continue;
      }
      sources.inputs.push({
        blueprint: entityToBlueprint(entity),
        origin: 'catalog',
        source: ref,
        problemSource: ref,
        changedBy: ref,
      });
    }
    return sources;
  }

  private setSnapshot(snapshot: RegistrySnapshot) {
    this.snapshot = { items: snapshot.items, problems: snapshot.problems };
    this.byId = new Map(
      snapshot.items.map(item => [item.blueprint.identifier, item]),
    );
    this.validator = undefined;
  }

  /** Logs each problem once, when it first appears. */
  private logNewProblems(problems: Problem[]) {
    const known = new Set(this.snapshot.problems.map(formatProblem));
    for (const problem of problems) {
      const line = formatProblem(problem);
      if (!known.has(line)) {
        this.logger.warn(
          isWarning(problem)
            ? `Blueprint applied with a warning: ${line}`
            : `Blueprint not applied: ${line}`,
        );
      }
    }
  }

  private publish(event: BlueprintsEvent) {
    return announce(this.events, this.logger, event);
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
