import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { orchestratorPermissions } from '@plinth/plugin-orchestrator-common';
import {
  ResourceDriver,
  resourceDriversExtensionPoint,
  secretBoxFromConfig,
} from '@plinth/plugin-orchestrator-node';
import { doraServiceRef } from '@plinth/plugin-dora-node';
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { readOrchestratorConfig } from './config';
import { DatabaseOrchestratorStore } from './database/DatabaseOrchestratorStore';
import { readDeploymentsConfig } from './deployments/config';
import { defaultsSeed } from './deployments/defaultsSeed';
import { DeploymentRunner } from './deployments/DeploymentRunner';
import { DeploymentService } from './deployments/DeploymentService';
import { DoraReporter } from './deployments/DoraReporter';
import { createBuiltinDrivers } from './drivers';
import { driverRegistry } from './provisioning/driverRegistry';
import { RunExecutor } from './provisioning/RunExecutor';
import { EnvironmentReaper } from './service/EnvironmentReaper';
import { OrchestratorService } from './service/OrchestratorService';
import { ResourceSqlService } from './service/ResourceSqlService';
import { createOrchestratorRouter } from './service/router';

/**
 * The platform orchestrator backend plugin, mounted at `/api/orchestrator`:
 * apps' environments (types, TTLs, locks), Score workloads, resource
 * definitions matched by criteria, provisioning runs through resource
 * drivers (the built-in ones, and those driver modules add), shared values
 * and secrets sealed at rest, and the reaper of expired environments.
 *
 * @example
 * ```ts
 * // packages/backend/src/index.ts
 * backend.add(import('@plinth/plugin-orchestrator-backend'));
 * backend.add(import('@plinth/plugin-orchestrator-backend-module-postgres'));
 * ```
 * @public
 */
export const orchestratorPlugin = createBackendPlugin({
  pluginId: 'orchestrator',
  register(env) {
    const added: ResourceDriver[] = [];
    env.registerExtensionPoint(resourceDriversExtensionPoint, {
      addDriver(...drivers) {
        added.push(...drivers);
      },
    });

    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        lifecycle: coreServices.lifecycle,
        catalog: catalogServiceRef,
        notifications: notificationService,
        dora: doraServiceRef,
      },
      async init(deps) {
        const { config, logger, scheduler } = deps;
        const settings = await readOrchestratorConfig(config, logger);
        deps.permissionsRegistry.addPermissions(orchestratorPermissions);
        const drivers = driverRegistry([
          ...createBuiltinDrivers(config, logger),
          ...added,
        ]);
        const secrets = secretBoxFromConfig(config);
        const store = await DatabaseOrchestratorStore.create(deps);
        const deploymentsConfig = readDeploymentsConfig(config, logger);
        // Made before any run, so that replicas never make two.
        const seed = await defaultsSeed(store, secrets);
        const reporter = new DoraReporter({
          deployments: store.deployments,
          dora: deps.dora,
          logger,
        });

        let service: OrchestratorService | undefined = undefined;
        const executor = new RunExecutor({
          store,
          drivers,
          definitions: () => service!.definitions(),
          secrets,
          logger,
          // Host names can be long (pod names): the lease owner column holds 255.
          owner: `${os.hostname().slice(0, 200)}-${
            process.pid
          }-${randomUUID().slice(0, 8)}`,
          leaseMs: settings.runs.leaseMs,
          concurrency: settings.runs.concurrency,
          deployments: new DeploymentRunner({
            store,
            deployments: store.deployments,
            secrets,
            logger,
            ...deploymentsConfig,
            defaultsSeed: async () => seed,
          }),
          onFinished: run => {
            if (run.action === 'deploy') reporter.flush();
          },
        });
        service = new OrchestratorService({
          store,
          drivers,
          secrets,
          logger,
          configTypes: settings.environmentTypes,
          configDefinitions: settings.definitions,
          kick: () => executor.kick(),
        });
        const deployments = new DeploymentService({
          store,
          deployments: store.deployments,
          drivers,
          definitions: () => service!.definitions(),
          defaultsFor: deploymentsConfig.defaultsFor,
          kick: () => executor.kick(),
        });
        const reaper = new EnvironmentReaper({
          store,
          logger,
          notifications: deps.notifications,
          notifyBeforeMs: settings.reaper.notifyBeforeMs,
          kick: () => executor.kick(),
        });
        deps.lifecycle.addShutdownHook(() => executor.stop());

        // Runs queued here start at once; this picks up the others: those
        // queued by other replicas, and those whose replica died (their
        // lease expired).
        await scheduler.scheduleTask({
          id: 'orchestrator-runs',
          frequency: { seconds: 5 },
          timeout: { minutes: 1 },
          scope: 'local',
          fn: async () => executor.kick(),
        });
        await scheduler.scheduleTask({
          id: 'orchestrator-reaper',
          frequency: { milliseconds: settings.reaper.frequencyMs },
          timeout: { minutes: 10 },
          scope: 'global',
          fn: async () => {
            await reaper.reap();
          },
        });
        // Deployments whose DORA event was not recorded (the DORA backend
        // was down, or the replica died) are recorded again.
        await scheduler.scheduleTask({
          id: 'orchestrator-dora-outbox',
          frequency: { minutes: 1 },
          timeout: { minutes: 5 },
          scope: 'global',
          fn: async () => {
            await reporter.flush();
          },
        });
        // After a key rotation (a new key first in the config), every
        // secret is sealed again with it.
        await scheduler.scheduleTask({
          id: 'orchestrator-secret-rotation',
          frequency: { hours: 24 },
          initialDelay: { seconds: 30 },
          timeout: { minutes: 30 },
          scope: 'global',
          fn: async () => {
            const count = await service!.rotateSecrets();
            if (count)
              logger.info(`Sealed ${count} secrets again with the current key`);
          },
        });

        deps.httpRouter.use(
          await createOrchestratorRouter({
            ...deps,
            service,
            deployments,
            drivers,
            resourceSql: new ResourceSqlService({
              store,
              drivers,
              secrets,
              logger,
            }),
          }),
        );
      },
    });
  },
});
