import type { LoggerService } from '@backstage/backend-plugin-api';
import type { DoraEvent } from '@plinth/plugin-dora-common';
import type { DoraService } from '@plinth/plugin-dora-node';
import type { DatabaseDeploymentStore } from '../database/DatabaseDeploymentStore';
import type { DeploymentRow } from '../database/OrchestratorStore';

/** Deployments reported per call to the DORA backend. */
const BATCH = 100;

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Records each finished deployment as a DORA deployment event — the app's
 * entity, the environment, success or failure, start and finish, the
 * commits it carries that the environment's last successful deployment did
 * not (with a change event for each whose commit time is known), and
 * rollbacks as rework. Finished deployments are an outbox: one not yet
 * recorded (the DORA backend was down, or this replica died) is recorded
 * by the next flush, and recording one again replaces it.
 */
export class DoraReporter {
  private flushing: Promise<number> | undefined;
  private again = false;

  constructor(
    private readonly options: {
      deployments: DatabaseDeploymentStore;
      dora: DoraService;
      logger: LoggerService;
      now?: () => number;
    },
  ) {}

  /** Records what is not recorded yet; the number of deployments recorded. */
  flush(): Promise<number> {
    if (this.flushing) {
      this.again = true;
      return this.flushing;
    }
    this.flushing = this.flushAll()
      .catch(error => {
        this.options.logger.warn(
          `Recording deployments in DORA failed, to be tried again: ${error}`,
        );
        return 0;
      })
      .finally(() => {
        this.flushing = undefined;
        if (this.again) {
          this.again = false;
          this.flush();
        }
      });
    return this.flushing;
  }

  private async flushAll(): Promise<number> {
    const { deployments, dora, now = Date.now } = this.options;
    let recorded = 0;
    for (;;) {
      const rows = await deployments.unreported(BATCH);
      if (rows.length === 0) return recorded;
      const events: DoraEvent[] = [];
      for (const row of rows) events.push(...(await this.eventsOf(row)));
      const response = await dora.recordEvents(events);
      for (const rejected of response.rejected) {
        // Marked recorded all the same: sent again, it would fail again.
        const event = events[rejected.index];
        this.options.logger.warn(
          `DORA refused the ${event?.type} event ${event?.id}: ${rejected.reason}`,
        );
      }
      await deployments.markReported(
        rows.map(r => r.id),
        now(),
      );
      recorded += rows.length;
      if (rows.length < BATCH) return recorded;
    }
  }

  private async eventsOf(row: DeploymentRow): Promise<DoraEvent[]> {
    const entity = row.app.toLowerCase();
    const [previous] = await this.options.deployments.listDeployments(
      row.app,
      row.env,
      { limit: 1, status: 'succeeded', before: row.createdAt },
    );
    const shipped = new Set(
      previous?.workloads.flatMap(w => (w.commit ? [w.commit.sha] : [])),
    );
    const commits = row.workloads
      .flatMap(w => (w.commit ? [w.commit] : []))
      .filter(c => !shipped.has(c.sha));
    const events: DoraEvent[] = commits
      .filter(c => c.committedAt)
      .map(c => ({
        type: 'change',
        id: c.sha,
        entity,
        createdAt: c.committedAt!,
      }));
    events.push({
      type: 'deployment',
      id: row.id,
      entity,
      environment: row.env.toLowerCase(),
      status: row.status === 'succeeded' ? 'success' : 'failure',
      startedAt: iso(row.startedAt ?? row.createdAt),
      finishedAt: iso(row.finishedAt ?? row.createdAt),
      changes: [...new Set(commits.map(c => c.sha))],
      rework: row.kind === 'rollback',
    });
    return events;
  }
}
