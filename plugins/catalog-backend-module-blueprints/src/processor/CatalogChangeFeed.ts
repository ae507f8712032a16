import { LoggerService } from '@backstage/backend-plugin-api';
import { EventsService } from '@backstage/plugin-events-node';
import {
  BLUEPRINTS_CATALOG_EVENT_TOPIC,
  CatalogEntitiesEvent,
  PortEntity,
} from '@plinth/plugin-blueprints-common';
import { createHash } from 'node:crypto';

type Change = CatalogEntitiesEvent['entities'][number];

/**
 * Tells the blueprints backend, through the events service, which entities
 * of blueprints the catalog processed with new content — the change feed its
 * derived properties are kept fresh by. The catalog processes every entity
 * again every few minutes; only content this replica has not seen before is
 * sent, gathered for `flushMs` and sent in events of at most `maxBatchSize`.
 */
export class CatalogChangeFeed {
  /** Entity ref → hash of the Port view last sent. */
  private readonly sent = new Map<string, string>();
  private pending = new Map<string, Change>();
  private timer?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly options: {
      events: EventsService;
      logger: LoggerService;
      flushMs?: number;
      maxBatchSize?: number;
    },
  ) {}

  /** An entity of a blueprint as the catalog just processed it. */
  offer(entityRef: string, entity: PortEntity & { blueprint: string }) {
    const hash = createHash('sha1')
      .update(JSON.stringify(entity))
      .digest('hex');
    if (this.sent.get(entityRef) === hash) return;
    this.sent.set(entityRef, hash);
    this.pending.set(entityRef, { entityRef, entity });
    this.timer ??= setTimeout(() => this.flush(), this.options.flushMs ?? 250);
  }

  /** Sends what is pending now. */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const changes = [...this.pending.values()];
    this.pending = new Map();
    const size = this.options.maxBatchSize ?? 500;
    for (let i = 0; i < changes.length; i += size) {
      const batch = changes.slice(i, i + size);
      const payload: CatalogEntitiesEvent = {
        type: 'catalog.entities.changed',
        entities: batch,
      };
      try {
        await this.options.events.publish({
          topic: BLUEPRINTS_CATALOG_EVENT_TOPIC,
          eventPayload: payload,
        });
      } catch (error) {
        // Forget them, so the next processing offers them again.
        batch.forEach(c => this.sent.delete(c.entityRef));
        this.options.logger.warn(
          `Could not announce ${
            batch.length
          } changed entities to the blueprints backend: ${
            (error as Error).message
          }`,
        );
      }
    }
  }
}
