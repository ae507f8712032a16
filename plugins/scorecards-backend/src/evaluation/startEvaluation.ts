import {
  LoggerService,
  RootLifecycleService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { EventsService } from '@backstage/plugin-events-node';
import {
  BLUEPRINTS_DERIVED_EVENT_TOPIC,
  BLUEPRINTS_EVENT_TOPIC,
  BlueprintsEvent,
  DerivedEntitiesEvent,
} from '@plinth/plugin-blueprints-common';
import type { BlueprintsService } from '@plinth/plugin-blueprints-node';
import type { EntityViewItem } from '@plinth/plugin-blueprints-common';
import { durationToMilliseconds as durationToMs } from '@backstage/types';
import type { ScorecardsConfig } from '../config';
import type { ScorecardStore } from '../database/ScorecardStore';
import type { ScorecardRegistry } from '../service/ScorecardRegistry';
import { blueprintsViewSource } from './EntityViewSource';
import { FacetResolver } from './FacetResolver';
import { ScorecardEvaluator } from './ScorecardEvaluator';

const CHANGES_TASK = 'scorecards-evaluate-changes';

/**
 * Sets evaluation going: every replica reads the sources; one at a time
 * evaluates — what changed (entities named by the blueprints backend's
 * events, scorecards whose definition changed) every few seconds and at
 * once when asked, and everything on `evaluationInterval`. Answers the
 * function that asks for an evaluation now.
 */
export async function wireEvaluation(options: {
  settings: ScorecardsConfig;
  store: ScorecardStore;
  registry: ScorecardRegistry;
  blueprints: BlueprintsService;
  scheduler: SchedulerService;
  rootLifecycle: RootLifecycleService;
  events: EventsService;
  logger: LoggerService;
  /** Adds each entity's DORA figures to what rules read. */
  augment?: (items: EntityViewItem[], now: number) => Promise<void>;
}): Promise<() => Promise<void>> {
  const { settings, store, registry, scheduler, events, logger } = options;
  const source = blueprintsViewSource(options.blueprints);
  const evaluator = new ScorecardEvaluator({
    store,
    registry,
    source,
    facets: new FacetResolver({ source, facets: settings.facets }),
    logger,
    augment: options.augment,
  });

  const requestEvaluation = async () => {
    await scheduler.triggerTask(CHANGES_TASK).catch(error => {
      // Already running: it takes the new work from the queue.
      if (error?.name !== 'ConflictError') throw error;
    });
  };

  // The blueprints backend is another plugin of the same backend: read the
  // sources once everything has started.
  options.rootLifecycle.addStartupHook(() => {
    registry
      .refresh()
      .then(requestEvaluation, error =>
        logger.error(`Scorecards could not be loaded: ${error}`),
      );
  });
  await scheduler.scheduleTask({
    id: 'scorecards-refresh',
    frequency: settings.refreshInterval,
    initialDelay: settings.refreshInterval,
    timeout: { minutes: 2 },
    scope: 'local',
    fn: () => registry.refresh(),
  });
  // One task does all evaluation, so that two evaluations never run at
  // once (across replicas too): results and daily counts are written as
  // differences from what was read.
  const fullEvery = durationToMs(settings.evaluationInterval);
  await scheduler.scheduleTask({
    id: CHANGES_TASK,
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
    topics: [BLUEPRINTS_DERIVED_EVENT_TOPIC, BLUEPRINTS_EVENT_TOPIC],
    onEvent: async ({ topic, eventPayload }) => {
      if (topic === BLUEPRINTS_EVENT_TOPIC) {
        if ((eventPayload as BlueprintsEvent).type === 'blueprints.changed') {
          await registry.refresh();
          await requestEvaluation();
        }
        return;
      }
      const { entityRefs, removed } = eventPayload as DerivedEntitiesEvent;
      await store.enqueue([...entityRefs, ...removed]);
      await requestEvaluation();
    },
  });

  return requestEvaluation;
}
