import type { LoggerService } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import { randomUUID } from 'node:crypto';
import type {
  EnvironmentRow,
  OrchestratorStore,
} from '../database/OrchestratorStore';

/** Who the reaper's deletion runs are recorded as requested by. */
export const REAPER = 'orchestrator:reaper';

/** What {@link EnvironmentReaper} needs. */
export interface EnvironmentReaperOptions {
  store: OrchestratorStore;
  logger: LoggerService;
  /** Absent when the notifications plugin is not installed. */
  notifications?: NotificationService;
  /** How long before expiry owners are told. */
  notifyBeforeMs: number;
  /** Starts the queued deletion runs. */
  kick: () => void;
  now?: () => number;
}

/** The entity page of an app, as the catalog's routes spell it. */
function appLink(app: string): string {
  const { kind, namespace, name } = parseEntityRef(app);
  return `/catalog/${encodeURIComponent(namespace)}/${encodeURIComponent(
    kind.toLocaleLowerCase('en-US'),
  )}/${encodeURIComponent(name)}/environments`;
}

function hoursLeft(ms: number): string {
  const hours = Math.max(0, ms) / 3_600_000;
  if (hours < 1) return `${Math.max(1, Math.round(hours * 60))} min`;
  return `${Math.round(hours)} h`;
}

/**
 * Deletes expired environments with their resources, and tells owners a
 * while before. It runs as a global scheduled task (one replica at a time);
 * each deletion is decided in a transaction that re-checks the expiry and
 * the lock, so an extension or a lock that lands first wins, and a run that
 * is provisioning finishes before the deletion starts.
 */
export class EnvironmentReaper {
  private readonly now: () => number;

  constructor(private readonly options: EnvironmentReaperOptions) {
    this.now = options.now ?? Date.now;
  }

  /** One pass: reminders, then deletions; what it did. */
  async reap(): Promise<{ reminded: number; deleted: number }> {
    const now = this.now();
    let reminded = 0;
    for (const env of await this.options.store.environmentsToRemind(
      now + this.options.notifyBeforeMs,
    )) {
      if (env.expiresAt! <= now || env.lock) continue;
      await this.remind(env, now);
      reminded += 1;
    }
    let deleted = 0;
    for (const env of await this.options.store.expiredEnvironments(now)) {
      const result = await this.options.store.deleteEnvironment(
        env.app,
        env.id,
        { id: randomUUID(), action: 'delete', requestedBy: REAPER, now },
        { onlyIfExpiredAt: now },
      );
      if (result !== 'queued') continue;
      deleted += 1;
      this.options.logger.info(
        `Environment ${env.id} of ${env.app} expired at ${new Date(
          env.expiresAt!,
        ).toISOString()}: deleting it and its resources`,
      );
      await this.notify(env, {
        title: `Environment ${env.id} of ${
          parseEntityRef(env.app).name
        } expired and is being deleted`,
        description: `Its TTL ended at ${new Date(
          env.expiresAt!,
        ).toISOString()}; its resources are deleted with it.`,
        severity: 'normal',
      });
    }
    if (deleted) this.options.kick();
    return { reminded, deleted };
  }

  private async remind(env: EnvironmentRow, now: number): Promise<void> {
    const result = await this.options.store.updateEnvironment(
      env.app,
      env.id,
      { remindedAt: now },
      now,
    );
    if (result !== 'updated') return;
    await this.notify(env, {
      title: `Environment ${env.id} of ${
        parseEntityRef(env.app).name
      } expires in ${hoursLeft(env.expiresAt! - now)}`,
      description: `It and its resources are deleted at ${new Date(
        env.expiresAt!,
      ).toISOString()} unless its TTL is extended or it is locked.`,
      severity: 'high',
    });
  }

  private async notify(
    env: EnvironmentRow,
    payload: {
      title: string;
      description: string;
      severity: 'normal' | 'high';
    },
  ): Promise<void> {
    if (!this.options.notifications) return;
    try {
      await this.options.notifications.send({
        recipients: { type: 'entity', entityRef: env.owner },
        payload: {
          ...payload,
          link: appLink(env.app),
          topic: 'orchestrator-environment-ttl',
          scope: `orchestrator:${env.app}:${env.id}`,
        },
      });
    } catch (error) {
      // A notification that cannot be sent does not stop the reaper.
      this.options.logger.warn(
        `Telling ${env.owner} about environment ${env.id} of ${env.app} failed: ${error}`,
      );
    }
  }
}
