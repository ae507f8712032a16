import { LoggerService } from '@backstage/backend-plugin-api';
import {
  Blueprint,
  blueprintsReading,
  CalculationRunner,
  computeDerived,
  DerivedOwnership,
  DerivedValue,
  EntityView,
  ImpactWalk,
  impactWalks,
  RegisteredBlueprint,
  walkMany,
} from '@plinth/plugin-blueprints-common';
import { stableJson } from '../lib/stableJson';
import type {
  DerivedKey,
  DerivedStore,
  IndexedEntity,
  StoredDerived,
} from './DerivedStore';
import { entityHash } from './entityHash';

/** Where the engine reads the applied blueprints. */
export interface BlueprintSource {
  list(): { items: RegisteredBlueprint[] };
}

/** What the catalog delivered: entities as they are now, and those gone. */
export interface CatalogDelivery {
  entities: IndexedEntity[];
  removed: DerivedKey[];
}

const keyOf = (k: DerivedKey) => `${k.blueprint}:${k.identifier}`;

/** The derived properties whose values differ, without when computed. */
function changedKeys(
  before: Record<string, DerivedValue> | undefined,
  after: Record<string, DerivedValue>,
): string[] {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after)]);
  return [...keys].filter(key => {
    const { computedAt: _a, ...was } = before?.[key] ?? ({} as DerivedValue);
    const { computedAt: _b, ...is } = after[key] ?? ({} as DerivedValue);
    return stableJson(was) !== stableJson(is);
  });
}

/** A value's meaning, without when it was computed. */
function comparable(values: Record<string, DerivedValue>, ownership: unknown) {
  return stableJson({
    values: Object.fromEntries(
      Object.entries(values).map(([k, { computedAt: _, ...v }]) => [k, v]),
    ),
    ownership,
  });
}

/**
 * Keeps every derived property of the catalog's blueprint entities fresh.
 *
 * The catalog delivers entities as they are processed; `ingest` keeps those
 * that changed and queues them, with every entity whose mirror, aggregation
 * or inherited ownership reads them (found by walking the impact paths from
 * the old and the new version). `run` computes the queue, a blueprint at a
 * time in batches, and queues in turn the readers of values that changed.
 * A blueprint that changes has all its entities, and their readers, queued.
 *
 * Several replicas can ingest at once (writes are per entity, idempotent);
 * `run` is to be called by one at a time, through the scheduler's lock.
 */
export class DerivedEngine {
  private walksFor?: { fingerprint: string; walks: Map<string, ImpactWalk[]> };
  /** Entities written since the database's statistics were last refreshed. */
  private written = 0;

  constructor(
    private readonly options: {
      store: DerivedStore;
      blueprints: BlueprintSource;
      logger: LoggerService;
      calculate?: CalculationRunner;
      /** Entities computed per round. */
      batchSize?: number;
      /**
       * Told the catalog refs of entities computed again (their data or a
       * value they read changed) and of entities removed, so that readers
       * of views (scorecards) can follow.
       */
      onChange?: (change: {
        entityRefs: string[];
        removed: string[];
      }) => Promise<void>;
    },
  ) {}

  /** Takes a delivery from the catalog; answers how many entities changed. */
  async ingest(delivery: CatalogDelivery): Promise<number> {
    const { store } = this.options;
    const latest = new Map<string, IndexedEntity>();
    for (const item of delivery.entities) latest.set(keyOf(item.entity), item);
    const removedKeys = new Map(delivery.removed.map(k => [keyOf(k), k]));
    const old = await store.getEntities([
      ...[...latest.values()].map(i => i.entity),
      ...removedKeys.values(),
    ]);

    const upserts = [...latest.values()]
      .map(item => ({ ...item, hash: entityHash(item.entity) }))
      .filter(item => old.get(keyOf(item.entity))?.hash !== item.hash);
    const removals = [...removedKeys.values()].filter(k => old.has(keyOf(k)));
    if (upserts.length === 0 && removals.length === 0) return 0;

    const blueprints = this.blueprintMap();
    // Readers of the old versions: the relations they had are about to go.
    const before = [...upserts.map(u => u.entity), ...removals]
      .map(k => old.get(keyOf(k))?.entity)
      .filter((e): e is IndexedEntity['entity'] => e !== undefined);
    const affected = await this.readersOf(before, blueprints);
    await store.writeEntities(upserts, removals);
    if (removals.length && this.options.onChange) {
      await this.options.onChange({
        entityRefs: [],
        removed: removals.map(k => old.get(keyOf(k))!.entityRef),
      });
    }
    affected.push(
      ...(await this.readersOf(
        upserts.map(u => u.entity),
        blueprints,
      )),
      ...upserts.map(u => u.entity),
    );
    await store.enqueue(
      affected.map(k => ({ blueprint: k.blueprint, identifier: k.identifier })),
    );
    this.written += upserts.length + removals.length;
    if (this.written >= 10_000) {
      this.written = 0;
      await store.analyze();
    }
    return upserts.length + removals.length;
  }

  /**
   * Computes queued entities until the queue is empty or `budgetMs` is
   * spent; answers how many were computed.
   */
  async run(budgetMs = 60_000): Promise<number> {
    const { store, logger } = this.options;
    const started = Date.now();
    await this.queueChangedBlueprints();
    let computed = 0;
    const order = this.computeOrder();
    while (Date.now() - started < budgetMs) {
      // Blueprints whose derived values others read go first, so that a
      // reader is computed once, after what it reads.
      const queued = await store.queuedBlueprints();
      if (queued.length === 0) break;
      const next = queued.sort(
        (a, b) =>
          (order.get(a) ?? Infinity) - (order.get(b) ?? Infinity) ||
          a.localeCompare(b),
      )[0];
      const batch = await store.peekQueue(this.options.batchSize ?? 2000, next);
      computed += await this.compute(batch);
      await store.dequeue(batch);
      if (this.options.onChange) {
        await this.options.onChange({
          entityRefs: await store.entityRefsOf(batch),
          removed: [],
        });
      }
    }
    if (computed > 0) {
      logger.debug(
        `Computed the derived properties of ${computed} entities in ${
          Date.now() - started
        } ms`,
      );
    }
    return computed;
  }

  /**
   * The order to compute blueprints in: a blueprint whose derived values
   * another reads (a mirror of its calculation) comes before that one.
   * Blueprints in a cycle keep their place.
   */
  private computeOrder(): Map<string, number> {
    const blueprints = this.blueprintMap();
    const readers = new Map<string, Set<string>>();
    const pending = new Map<string, number>();
    for (const id of blueprints.keys()) pending.set(id, 0);
    for (const [read, walks] of this.impact(blueprints)) {
      for (const { affected, readsDerived } of walks) {
        if (!readsDerived || affected === read) continue;
        const set = readers.get(read) ?? new Set<string>();
        if (!set.has(affected)) {
          set.add(affected);
          pending.set(affected, (pending.get(affected) ?? 0) + 1);
        }
        readers.set(read, set);
      }
    }
    const order = new Map<string, number>();
    const ready = [...pending].filter(([, n]) => n === 0).map(([id]) => id);
    while (ready.length) {
      const id = ready.shift()!;
      order.set(id, order.size);
      for (const reader of readers.get(id) ?? []) {
        const left = pending.get(reader)! - 1;
        pending.set(reader, left);
        if (left === 0) ready.push(reader);
      }
    }
    for (const id of blueprints.keys()) {
      if (!order.has(id)) order.set(id, order.size);
    }
    return order;
  }

  /** The stored derived properties of catalog entities, by ref. */
  getDerived(refs: string[]): Promise<Map<string, StoredDerived>> {
    return this.options.store.getDerivedByRefs(refs);
  }

  private async compute(batch: DerivedKey[]): Promise<number> {
    const { store, calculate } = this.options;
    const blueprints = this.blueprintMap();
    const now = Date.now();
    const byBlueprint = new Map<string, string[]>();
    for (const key of batch) {
      const list = byBlueprint.get(key.blueprint) ?? [];
      list.push(key.identifier);
      byBlueprint.set(key.blueprint, list);
    }
    let computed = 0;
    const changed: EntityView[] = [];
    const changedValues = new Map<string, Set<string>>();
    for (const [id, identifiers] of byBlueprint) {
      const blueprint = blueprints.get(id);
      if (!blueprint) continue; // gone: its entities are the catalog's to drop
      const views = await store.getMany(id, identifiers);
      if (views.length === 0) continue;
      const stored = await store.getDerivedValues(views);
      const results = await computeDerived(blueprint, views, {
        graph: store,
        blueprints,
        calculate,
        now,
      });
      const writes: Array<
        DerivedKey & {
          values: Record<string, DerivedValue>;
          ownership: DerivedOwnership;
          computedAt: string;
        }
      > = [];
      for (const view of views) {
        const result = results.get(keyOf(view))!;
        const previous = stored.get(keyOf(view));
        computed++;
        if (
          previous &&
          comparable(previous.values, previous.ownership) ===
            comparable(result.values, result.ownership)
        ) {
          continue;
        }
        writes.push({
          blueprint: view.blueprint,
          identifier: view.identifier,
          values: result.values,
          ownership: result.ownership,
          computedAt: new Date(now).toISOString(),
        });
        changed.push(view);
        changedValues.set(
          keyOf(view),
          new Set(changedKeys(previous?.values, result.values)),
        );
      }
      await store.writeValues(writes);
    }
    // Whoever reads a value that changed is computed again, in a later round.
    if (changed.length) {
      const readers = await this.readersOf(changed, blueprints, changedValues);
      await store.enqueue(readers, Date.now());
    }
    return computed;
  }

  /** Queues every entity of blueprints that changed, and of their readers. */
  private async queueChangedBlueprints() {
    const { store, logger } = this.options;
    const current = new Map(
      this.options.blueprints
        .list()
        .items.map(i => [i.blueprint.identifier, i.version]),
    );
    const stored = await store.getBlueprintVersions();
    const changed = [...current]
      .filter(([id, version]) => stored.get(id) !== version)
      .map(([id]) => id);
    if (changed.length === 0 && stored.size === current.size) return;
    const queued = blueprintsReading(changed, this.blueprintMap()).filter(id =>
      current.has(id),
    );
    if (queued.length) {
      logger.info(
        `Blueprints changed (${changed.join(
          ', ',
        )}); computing the derived properties of ${queued.join(', ')} again`,
      );
      await store.enqueueBlueprints(queued);
    }
    await store.setBlueprintVersions(current);
  }

  /**
   * The entities whose derived values read one of `entities` — or, given
   * which derived values of each changed, those that read one of these.
   */
  private async readersOf(
    entities: EntityView[],
    blueprints: ReadonlyMap<string, Blueprint>,
    changedValues?: Map<string, Set<string>>,
  ): Promise<DerivedKey[]> {
    const walks = this.impact(blueprints);
    const readers = new Map<string, DerivedKey>();
    const byBlueprint = new Map<string, EntityView[]>();
    for (const e of entities) {
      const list = byBlueprint.get(e.blueprint) ?? [];
      list.push(e);
      byBlueprint.set(e.blueprint, list);
    }
    for (const [blueprint, starts] of byBlueprint) {
      for (const { walk, reads } of walks.get(blueprint) ?? []) {
        const from = changedValues
          ? starts.filter(e =>
              reads.some(key => changedValues.get(keyOf(e))?.has(key)),
            )
          : starts;
        if (from.length === 0) continue;
        const reached = await walkMany(this.options.store, from, walk);
        for (const list of reached.values()) {
          for (const e of list) {
            readers.set(keyOf(e), {
              blueprint: e.blueprint,
              identifier: e.identifier,
            });
          }
        }
      }
    }
    return [...readers.values()];
  }

  private blueprintMap(): Map<string, Blueprint> {
    return new Map(
      this.options.blueprints
        .list()
        .items.map(i => [i.blueprint.identifier, i.blueprint]),
    );
  }

  private impact(blueprints: ReadonlyMap<string, Blueprint>) {
    const fingerprint = this.options.blueprints
      .list()
      .items.map(i => `${i.blueprint.identifier}@${i.version}`)
      .join(',');
    if (this.walksFor?.fingerprint !== fingerprint) {
      this.walksFor = { fingerprint, walks: impactWalks(blueprints) };
    }
    return this.walksFor.walks;
  }
}
