import { AuthService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';

/** Answers which entity refs name an entity in the catalog. */
export interface RefLookup {
  /** The subset of `refs` (stringified, lower case) that exist. */
  existing(refs: string[]): Promise<Set<string>>;
}

interface Pending {
  refs: Set<string>;
  waiters: Array<{
    resolve: (found: Set<string>) => void;
    reject: (error: Error) => void;
  }>;
}

/**
 * Looks entity refs up in the catalog for the processor, cheaply enough to run
 * on every processing: lookups made within `batchDelayMs` of each other go to
 * the catalog as one `getEntitiesByRefs` call (in chunks of `maxBatchSize`),
 * and refs found are remembered for `ttlMs` — entities are rarely deleted, and
 * a deletion is noticed once the memory runs out. Refs not found are asked
 * again every time, so a target ingested later is seen at once.
 */
export class CatalogRefLookup implements RefLookup {
  private readonly found = new Map<string, number>();
  private pending?: Pending;

  constructor(
    private readonly options: {
      catalog: CatalogService;
      auth: AuthService;
      ttlMs?: number;
      batchDelayMs?: number;
      maxBatchSize?: number;
    },
  ) {}

  existing(refs: string[]): Promise<Set<string>> {
    const now = Date.now();
    const ttl = this.options.ttlMs ?? 60_000;
    const known = new Set<string>();
    const unknown: string[] = [];
    for (const ref of refs) {
      const foundAt = this.found.get(ref);
      if (foundAt !== undefined && now - foundAt < ttl) known.add(ref);
      else unknown.push(ref);
    }
    if (unknown.length === 0) return Promise.resolve(known);
    return this.enqueue(unknown).then(found => {
      for (const ref of unknown) if (found.has(ref)) known.add(ref);
      return known;
    });
  }

  private enqueue(refs: string[]): Promise<Set<string>> {
    if (!this.pending) {
      const pending: Pending = { refs: new Set(), waiters: [] };
      this.pending = pending;
      setTimeout(() => {
        this.pending = undefined;
        this.flush(pending);
      }, this.options.batchDelayMs ?? 10);
    }
    const pending = this.pending;
    refs.forEach(ref => pending.refs.add(ref));
    return new Promise((resolve, reject) =>
      pending.waiters.push({ resolve, reject }),
    );
  }

  private async flush({ refs, waiters }: Pending) {
    try {
      const found = await this.lookUp([...refs]);
      waiters.forEach(w => w.resolve(found));
    } catch (error) {
      waiters.forEach(w => w.reject(error as Error));
    }
  }

  private async lookUp(refs: string[]): Promise<Set<string>> {
    const { catalog, auth } = this.options;
    const size = this.options.maxBatchSize ?? 500;
    const credentials = await auth.getOwnServiceCredentials();
    const found = new Set<string>();
    for (let i = 0; i < refs.length; i += size) {
      const chunk = refs.slice(i, i + size);
      const { items } = await catalog.getEntitiesByRefs(
        { entityRefs: chunk, fields: ['kind'] },
        { credentials },
      );
      const now = Date.now();
      items.forEach((item, index) => {
        if (!item) return;
        found.add(chunk[index]);
        this.found.set(chunk[index], now);
      });
    }
    return found;
  }
}
