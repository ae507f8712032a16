import {
  LoggerService,
  RootLifecycleService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { EventsService } from '@backstage/plugin-events-node';
import { durationToMilliseconds, HumanDuration } from '@backstage/types';
import {
  BLUEPRINTS_DERIVED_EVENT_TOPIC,
  BLUEPRINTS_EVENT_TOPIC,
  isBlueprintsEvent,
  isDerivedEntitiesEvent,
} from '@plinth/plugin-blueprints-common';
import type { BlueprintsService } from '@plinth/plugin-blueprints-node';
import {
  DORA_CHANGED_EVENT_TOPIC,
  isDoraChangedEvent,
} from '@plinth/plugin-dora-common';
import type { DoraService } from '@plinth/plugin-dora-node';
import type { ScorecardStore } from '../database/ScorecardStore';
import type { ScorecardRegistry } from '../definitions/ScorecardRegistry';
import { doraInputs } from './doraInputs';
import { blueprintsViewSource } from './EntityViewSource';
import { FacetBlueprints, FacetResolver } from './FacetResolver';
import { ScorecardEvaluator } from './ScorecardEvaluator';

const EVALUATE_TASK = 'scorecards-evaluate-changes';

/** Asks for evaluation: what {@link startEvaluation} answers. */
export interface EvaluationRequests {
  /**
   * Evaluates queued entities and changed scorecards now rather than at
   * the next tick; a run already going takes the new work from the queue.
   */
  request(): Promise<void>;
}

/** What {@link startEvaluation} needs. */
export interface EvaluationOptions {
  store: ScorecardStore;
  registry: ScorecardRegistry;
  blueprints: BlueprintsService;
  /** Each entity's DORA figures are among what rules read. */
  dora: Pick<DoraService, 'getMetrics'>;
  scheduler: SchedulerService;
  rootLifecycle: RootLifecycleService;
  events: EventsService;
  logger: LoggerService;
  /** How often every replica reads the sources again. */
  refreshInterval: HumanDuration;
  /** How often every scorecard is evaluated in full. */
  evaluationInterval: HumanDuration;
  /** The blueprints of the system and domain facets. */
  facets: FacetBlueprints;
  /**
   * Told once this replica has written results: of these entities, or of
   * every entity (a scorecard's results deleted).
   */
  onResultsWritten?: (entityRefs: readonly string[] | 'all') => void;
}

/**
 * Sets evaluation going: every replica reads the sources; one at a time
 * evaluates — what changed (entities named by the blueprints backend's and
 * the DORA backend's events, scorecards whose definition changed) every few
 * seconds and at once when asked, and everything on `evaluationInterval`.
 */
export async function startEvaluation(
  options: EvaluationOptions,
): Promise<EvaluationRequests> {
  const { store, registry, scheduler, events, logger } = options;
  const source = blueprintsViewSource(options.blueprints);
  const doraFigures = doraInputs(options.dora, logger);
  const evaluator = new ScorecardEvaluator({
    store,
    registry,
    source,
    facets: new FacetResolver({ source, facets: options.facets }),
    logger,
    augment: doraFigures.augment,
    onResultsWritten: options.onResultsWritten,
  });

  const requests: EvaluationRequests = {
    async request() {
      await scheduler.triggerTask(EVALUATE_TASK).catch(error => {
        // Already running: it takes the new work from the queue.
        if (error?.name !== 'ConflictError') throw error;
      });
    },
  };

  // The blueprints backend is another plugin of the same backend: read the
  // sources once everything has started.
  options.rootLifecycle.addStartupHook(() => {
    registry
      .refresh()
      .then(requests.request, error =>
        logger.error(`Scorecards could not be loaded: ${error}`),
      );
  });
  await scheduler.scheduleTask({
    id: 'scorecards-refresh',
    frequency: options.refreshInterval,
    initialDelay: options.refreshInterval,
    timeout: { minutes: 2 },
    scope: 'local',
    fn: () => registry.refresh(),
  });
  // One task does all evaluation, so that two evaluations never run at
  // once (across replicas too): results and daily counts are written as
  // differences from what was read.
  const fullEvery = durationToMilliseconds(options.evaluationInterval);
  await scheduler.scheduleTask({
    id: EVALUATE_TASK,
    frequency: { seconds: 2 },
    timeout: { minutes: 30 },
    scope: 'global',
    fn: async () => {
      await evaluator.evaluateChanged(fullEvery);
      await evaluator.runQueue();
    },
  });

  await events.subscribe({
    id: 'plinth-scorecards',
    topics: [
      BLUEPRINTS_DERIVED_EVENT_TOPIC,
      BLUEPRINTS_EVENT_TOPIC,
      DORA_CHANGED_EVENT_TOPIC,
    ],
    onEvent: async ({ topic, eventPayload }) => {
      if (topic === BLUEPRINTS_EVENT_TOPIC && isBlueprintsEvent(eventPayload)) {
        if (eventPayload.type === 'blueprints.changed') {
          await registry.refresh();
          await requests.request();
        }
      } else if (
        topic === BLUEPRINTS_DERIVED_EVENT_TOPIC &&
        isDerivedEntitiesEvent(eventPayload)
      ) {
        await store.enqueue([
          ...eventPayload.entityRefs,
          ...eventPayload.removed,
        ]);
        await requests.request();
      } else if (
        topic === DORA_CHANGED_EVENT_TOPIC &&
        isDoraChangedEvent(eventPayload)
      ) {
        // New DORA events change their entities' figures, which rules read.
        doraFigures.invalidate();
        await store.enqueue(eventPayload.entityRefs);
        await requests.request();
      } else {
        logger.warn(`Ignored a message on ${topic} that is not of its kind`);
      }
    },
  });

  return requests;
}
