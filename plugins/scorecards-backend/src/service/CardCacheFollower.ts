import type { LoggerService } from '@backstage/backend-plugin-api';
import type { ScorecardStore } from '../database/ScorecardStore';
import type { EntityCardCache } from './EntityCardCache';

/** How often a replica asks which results changed. */
export const FOLLOW_INTERVAL_MS = 1_000;
/**
 * How far back each look reaches before the latest write it saw: results
 * record when their evaluation ran, which on another replica (or a slow
 * evaluation) can be a little before they were written.
 */
const OVERLAP_MS = 30_000;

/**
 * Keeps a replica's entity cards fresh when other replicas write results:
 * every second it asks the database which entities' results were written
 * since it last looked (one indexed query, however busy the API is) and
 * forgets their cards. The cache's time to live is then only a safety net.
 */
export class CardCacheFollower {
  private since: number;
  /** What each look saw within the overlap: entity ref to its write time. */
  private seen = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private looking = false;

  constructor(
    private readonly options: {
      store: Pick<ScorecardStore, 'entitiesEvaluatedSince'>;
      cache: Pick<EntityCardCache, 'invalidate'>;
      logger: LoggerService;
      intervalMs?: number;
      now?: () => number;
    },
  ) {
    this.since = (options.now ?? Date.now)() - OVERLAP_MS;
  }

  start(): void {
    this.timer = setInterval(
      () => void this.look(),
      this.options.intervalMs ?? FOLLOW_INTERVAL_MS,
    );
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** One look: forgets the cards of entities written since the last. */
  async look(): Promise<void> {
    if (this.looking) return;
    this.looking = true;
    try {
      const written = await this.options.store.entitiesEvaluatedSince(
        this.since,
      );
      const changed: string[] = [];
      let latest = this.since;
      for (const { entityRef, evaluatedAt } of written) {
        latest = Math.max(latest, evaluatedAt);
        if (this.seen.get(entityRef) !== evaluatedAt) {
          this.seen.set(entityRef, evaluatedAt);
          changed.push(entityRef);
        }
      }
      if (changed.length) this.options.cache.invalidate(changed);
      this.since = Math.max(this.since, latest - OVERLAP_MS);
      for (const [ref, at] of this.seen) {
        if (at < this.since) this.seen.delete(ref);
      }
    } catch (error) {
      this.options.logger.warn(
        `Could not look for other replicas' scorecard results: ${error}`,
      );
    } finally {
      this.looking = false;
    }
  }
}
