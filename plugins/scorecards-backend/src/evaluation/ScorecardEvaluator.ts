import { LoggerService } from '@backstage/backend-plugin-api';
import type { EntityViewItem } from '@plinth/plugin-blueprints-common';
import { createHash } from 'node:crypto';
import type {
  ResultChange,
  ScorecardStore,
  StoredResult,
} from '../database/ScorecardStore';
import type {
  RegisteredScorecard,
  ScorecardRegistry,
} from '../definitions/ScorecardRegistry';
import type { EntityViewSource } from './EntityViewSource';
import type { FacetResolver } from './FacetResolver';

function hashOf(result: Omit<StoredResult, 'hash' | 'evaluatedAt'>): string {
  return createHash('sha1')
    .update(
      JSON.stringify([
        result.level,
        result.levelIndex,
        result.rules,
        result.facets,
      ]),
    )
    .digest('hex');
}

/** Exemptions in force: scorecard → entity ref → rule → end (ms). */
type ExemptionIndex = Map<string, Map<string, Map<string, number>>>;

/**
 * Evaluates scorecards over entity views and writes what changed: in full
 * (a scorecard over every entity of its blueprint) or for given entities.
 * Results that did not change are not written, so history stays compact.
 * Runs are to be made by one replica at a time (the scheduler's lock).
 */
export class ScorecardEvaluator {
  constructor(
    private readonly options: {
      store: ScorecardStore;
      registry: ScorecardRegistry;
      source: EntityViewSource;
      facets: FacetResolver;
      logger: LoggerService;
      /** Adds values to the entities before rules read them (DORA figures). */
      augment?: (items: EntityViewItem[], now: number) => Promise<void>;
      /**
       * Told once results are written: of these entities, or of every
       * entity (a scorecard's results deleted).
       */
      onResultsWritten?: (entityRefs: readonly string[] | 'all') => void;
    },
  ) {}

  /**
   * Evaluates in full every scorecard whose definition changed since its last
   * full evaluation, or whose last full evaluation is older than `maxAgeMs`
   * (for what time alone changes: date rules, exemptions ending); and
   * forgets the results of scorecards that are gone. Answers how many
   * results were computed.
   */
  async evaluateChanged(
    maxAgeMs = Infinity,
    now = Date.now(),
  ): Promise<number> {
    const { store, registry, logger } = this.options;
    await registry.ready();
    if (!registry.hasLoaded()) {
      // The first read failed (the blueprints backend was starting): try
      // again rather than take an empty set for the truth.
      await registry.refresh();
      if (!registry.hasLoaded()) return 0;
    }
    const fingerprints = await store.fingerprints();
    const current = registry.scorecards();
    const due = current.filter(s => {
      const last = fingerprints.get(s.scorecard.identifier);
      return (
        last?.fingerprint !== s.fingerprint ||
        now - last.evaluatedAt >= maxAgeMs
      );
    });
    const ids = new Set(current.map(s => s.scorecard.identifier));
    for (const gone of await store.scorecardsWithResults()) {
      if (!ids.has(gone)) {
        logger.info(`Scorecard ${gone} is gone; forgetting its results`);
        await store.deleteResultsOf(gone);
        this.options.onResultsWritten?.('all');
      }
    }
    if (due.length === 0) return 0;
    const started = Date.now();
    const evaluated = await this.evaluateInFull(due, now);
    for (const s of due) {
      await store.setFingerprint(s.scorecard.identifier, s.fingerprint, now);
    }
    logger.info(
      `Evaluated ${due
        .map(s => s.scorecard.identifier)
        .join(', ')} in full: ${evaluated} results in ${
        Date.now() - started
      } ms`,
    );
    return evaluated;
  }

  /** Evaluates the given scorecards over every entity of their blueprints. */
  async evaluateInFull(
    scorecards: RegisteredScorecard[],
    now = Date.now(),
  ): Promise<number> {
    const { source } = this.options;
    const byBlueprint = new Map<string, RegisteredScorecard[]>();
    for (const s of scorecards) {
      const list = byBlueprint.get(s.scorecard.blueprint) ?? [];
      list.push(s);
      byBlueprint.set(s.scorecard.blueprint, list);
    }
    let evaluated = 0;
    for (const [blueprint, group] of byBlueprint) {
      const seen = new Map(
        group.map(s => [s.scorecard.identifier, new Set<string>()]),
      );
      for await (const page of source.pages(blueprint)) {
        evaluated += await this.evaluatePage(group, page, now, seen);
      }
      // Entities not seen are gone, or no longer match the filter.
      for (const s of group) {
        const id = s.scorecard.identifier;
        const stale = (await this.options.store.refsOf(id)).filter(
          ref => !seen.get(id)!.has(ref),
        );
        await this.remove(id, stale, now);
      }
    }
    return evaluated;
  }

  /**
   * Evaluates every scorecard over these entities (and forgets the results
   * of those no longer of any blueprint). Answers how many results were
   * computed.
   */
  async evaluateRefs(refs: string[], now = Date.now()): Promise<number> {
    const { source, registry } = this.options;
    if (refs.length === 0) return 0;
    await registry.ready();
    const items = await source.byRefs(refs);
    const found = items.filter((i): i is EntityViewItem => i !== null);
    const scorecards = registry.scorecards();
    const blueprints = new Set(found.map(i => i.entity.blueprint));
    let evaluated = 0;
    for (const blueprint of blueprints) {
      const group = scorecards.filter(s => s.scorecard.blueprint === blueprint);
      const page = found.filter(i => i.entity.blueprint === blueprint);
      if (group.length) evaluated += await this.evaluatePage(group, page, now);
    }
    // An entity gone, or of another blueprint now: drop what no longer applies.
    const present = new Map(found.map(i => [i.entityRef, i.entity.blueprint]));
    for (const s of scorecards) {
      const stale = refs.filter(
        ref => present.get(ref) !== s.scorecard.blueprint,
      );
      await this.remove(s.scorecard.identifier, stale, now);
    }
    return evaluated;
  }

  /** Evaluates queued entities until the queue is empty or the budget spent. */
  async runQueue(budgetMs = 30_000, batch = 1000): Promise<number> {
    const { store, registry } = this.options;
    // Without scorecards read, the queue waits rather than being emptied.
    if (!registry.hasLoaded()) return 0;
    const started = Date.now();
    let evaluated = 0;
    while (Date.now() - started < budgetMs) {
      const queued = await store.peekQueue(batch);
      if (queued.length === 0) break;
      evaluated += await this.evaluateRefs(queued.map(q => q.entityRef));
      await store.dequeue(queued);
    }
    return evaluated;
  }

  private async evaluatePage(
    group: RegisteredScorecard[],
    page: EntityViewItem[],
    now: number,
    seen?: Map<string, Set<string>>,
  ): Promise<number> {
    const { store, facets, registry } = this.options;
    const blueprints = registry.blueprints();
    const refs = page.map(i => i.entityRef);
    const exemptions = await this.exemptionsOf(refs, now);
    await facets.prepare(blueprints, page, now);
    await this.options.augment?.(page, now);
    const facetsOf = new Map(
      page.map(i => [i.entityRef, facets.facets(i, blueprints)]),
    );
    let evaluated = 0;
    for (const s of group) {
      const id = s.scorecard.identifier;
      const previous = await store.getResults(id, refs);
      const changes: ResultChange[] = [];
      for (const item of page) {
        const before = previous.get(item.entityRef);
        if (!s.compiled.applies(item.entity, now)) {
          if (before)
            changes.push({ entityRef: item.entityRef, previous: before });
          continue;
        }
        seen?.get(id)!.add(item.entityRef);
        const evaluation = s.compiled.evaluate(item.entity, {
          now,
          exemptions: exemptions.get(id)?.get(item.entityRef),
        });
        evaluated++;
        const result = {
          scorecard: id,
          entityRef: item.entityRef,
          level: evaluation.level,
          levelIndex: evaluation.levelIndex,
          rules: evaluation.rules,
          facets: facetsOf.get(item.entityRef)!,
        };
        const hash = hashOf(result);
        if (before?.hash === hash) continue;
        changes.push({
          entityRef: item.entityRef,
          previous: before,
          next: { ...result, hash, evaluatedAt: now },
        });
      }
      await this.write(id, changes, now);
    }
    return evaluated;
  }

  private async remove(scorecard: string, refs: string[], now: number) {
    if (refs.length === 0) return;
    const { store } = this.options;
    const previous = await store.getResults(scorecard, refs);
    await this.write(
      scorecard,
      [...previous.values()].map(p => ({
        entityRef: p.entityRef,
        previous: p,
      })),
      now,
    );
  }

  /** Writes changed results, then says whose were written. */
  private async write(scorecard: string, changes: ResultChange[], now: number) {
    if (changes.length === 0) return;
    await this.options.store.writeChanges(scorecard, changes, now);
    this.options.onResultsWritten?.(changes.map(c => c.entityRef));
  }

  private async exemptionsOf(
    refs: string[],
    now: number,
  ): Promise<ExemptionIndex> {
    const index: ExemptionIndex = new Map();
    const active = await this.options.store.activeExemptions(
      { entityRefs: refs },
      now,
    );
    for (const e of active) {
      const byRef = index.get(e.scorecard) ?? new Map();
      const byRule = byRef.get(e.entityRef) ?? new Map<string, number>();
      // Of two exemptions from one rule, the later end counts.
      byRule.set(
        e.rule,
        Math.max(byRule.get(e.rule) ?? 0, Date.parse(e.until)),
      );
      byRef.set(e.entityRef, byRule);
      index.set(e.scorecard, byRef);
    }
    return index;
  }
}
