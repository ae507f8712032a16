import { LoggerService } from '@backstage/backend-plugin-api';
import {
  Blueprint,
  customKindFor,
  EntityValidator,
  RegisteredBlueprint,
} from '@plinth/plugin-blueprints-common';
import { BlueprintsService } from '@plinth/plugin-blueprints-node';

/**
 * The blueprints as the catalog module last read them from the blueprints
 * backend, ready for validating and mapping entities.
 */
export interface BlueprintSnapshot {
  registered: RegisteredBlueprint[];
  blueprints: ReadonlyMap<string, Blueprint>;
  /** Custom kind (lower case) → blueprint identifier. */
  blueprintOfKind: ReadonlyMap<string, string>;
  validator: EntityValidator;
}

function snapshotOf(registered: RegisteredBlueprint[]): BlueprintSnapshot {
  const blueprints = new Map(
    registered.map(r => [r.blueprint.identifier, r.blueprint]),
  );
  return {
    registered,
    blueprints,
    blueprintOfKind: new Map(
      [...blueprints.keys()].map(id => [
        customKindFor(id).toLocaleLowerCase('en-US'),
        id,
      ]),
    ),
    validator: new EntityValidator(blueprints.values()),
  };
}

const sleep = (ms: number) =>
  new Promise<void>(resolve => setTimeout(resolve, ms));

/**
 * Keeps the blueprints backend's applied blueprints in memory for the
 * processor and the providers. Refreshed on the blueprints backend's events
 * and by the providers' schedules; the first read waits for the blueprints
 * backend to come up (it starts alongside the catalog).
 */
export class BlueprintCache {
  private snapshot?: BlueprintSnapshot;
  private readAt = 0;
  private fingerprint = '';
  private loading?: Promise<BlueprintSnapshot>;
  private readonly listeners: Array<() => void> = [];

  constructor(
    private readonly options: {
      service: BlueprintsService;
      logger: LoggerService;
      /** How long the first read keeps trying, in milliseconds. */
      firstReadTimeout?: number;
      /**
       * After how many milliseconds a snapshot is read again in the
       * background: every replica keeps its own, and events reach only one.
       */
      maxAge?: number;
    },
  ) {}

  /**
   * The current snapshot. The first call waits for the first read; later ones
   * answer at once, and start a read in the background when it is old.
   */
  async get(): Promise<BlueprintSnapshot> {
    if (this.snapshot) {
      if (
        !this.loading &&
        Date.now() - this.readAt > (this.options.maxAge ?? 30_000)
      ) {
        this.loading = this.refresh()
          .catch(error => {
            this.options.logger.warn(
              `Could not read the blueprints again: ${error.message}`,
            );
            return this.snapshot!;
          })
          .finally(() => {
            this.loading = undefined;
          });
      }
      return this.snapshot;
    }
    this.loading ??= this.firstRead().finally(() => {
      this.loading = undefined;
    });
    return this.loading;
  }

  /** Calls `listener` whenever a refresh finds the set of blueprints changed. */
  onChange(listener: () => void) {
    this.listeners.push(listener);
  }

  /** Reads the blueprints again; tells the listeners when they changed. */
  async refresh(): Promise<BlueprintSnapshot> {
    const { items } = await this.options.service.getBlueprints();
    this.readAt = Date.now();
    const fingerprint = JSON.stringify(
      items.map(i => [i.blueprint.identifier, i.version, i.origin]),
    );
    if (!this.snapshot || fingerprint !== this.fingerprint) {
      const changed = this.snapshot !== undefined;
      this.snapshot = snapshotOf(items);
      this.fingerprint = fingerprint;
      if (changed) this.listeners.forEach(listener => listener());
    }
    return this.snapshot;
  }

  private async firstRead(): Promise<BlueprintSnapshot> {
    const deadline = Date.now() + (this.options.firstReadTimeout ?? 30_000);
    let delay = 250;
    for (;;) {
      try {
        return await this.refresh();
      } catch (error) {
        if (Date.now() + delay > deadline) {
          throw new Error(
            `the blueprints backend cannot be read: ${
              (error as Error).message
            }`,
          );
        }
        this.options.logger.debug(
          `Waiting for the blueprints backend: ${(error as Error).message}`,
        );
        await sleep(delay);
        delay = Math.min(delay * 2, 4000);
      }
    }
  }
}
