/*
 * The example Plinth backend: the create-app template's backend, on the new
 * backend system. Each `backend.add` installs one plugin or module; Plinth's
 * own plugins are added here as they land.
 */

import { createBackend } from '@backstage/backend-defaults';
import { doraDemoHistoryModule } from './demo/doraDemoHistoryModule';
import { orchestratorDemoModule } from './demo/orchestratorDemoModule';
import { scorecardsDemoHistoryModule } from './demo/scorecardsDemoHistoryModule';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));
backend.add(import('@backstage/plugin-proxy-backend'));

// scaffolder plugin
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));
backend.add(
  import('@backstage/plugin-scaffolder-backend-module-notifications'),
);

// techdocs plugin
backend.add(import('@backstage/plugin-techdocs-backend'));

// auth plugin
backend.add(import('@backstage/plugin-auth-backend'));
// See https://backstage.io/docs/backend-system/building-backends/migrating#the-auth-plugin
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
// See https://backstage.io/docs/auth/guest/provider

// catalog plugin
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);

// Plinth: the blueprint registry and entity store, and the catalog module that
// recognises, validates and relates every blueprint kind
backend.add(import('@plinth/plugin-blueprints-backend'));
backend.add(import('@plinth/plugin-catalog-backend-module-blueprints'));
// Plinth scorecards: levels over blueprint entities and their DORA figures,
// history, exemptions, campaigns; and catalog `Scorecard` entities.
backend.add(import('@plinth/plugin-scorecards-backend'));
backend.add(import('@plinth/plugin-catalog-backend-module-scorecards'));
// Plinth DORA: change, deployment and incident events in (API, the GitHub and
// PagerDuty webhooks), the five keys and their tiers out.
backend.add(import('@plinth/plugin-dora-backend'));
backend.add(import('@plinth/plugin-dora-backend-module-github'));
backend.add(import('@plinth/plugin-dora-backend-module-pagerduty'));
// The demo's year of DORA events (plinth.dora.demoHistory in app-config.yaml).
backend.add(doraDemoHistoryModule);
backend.add(scorecardsDemoHistoryModule);

// The platform orchestrator, its resource drivers for the machine's
// PostgreSQL, MariaDB, Redis, RabbitMQ and a local S3 server, and the demo's
// environments (plinth.orchestrator.demo in app-config.yaml).
backend.add(import('@plinth/plugin-orchestrator-backend'));
backend.add(import('@plinth/plugin-orchestrator-backend-module-postgres'));
backend.add(import('@plinth/plugin-orchestrator-backend-module-mysql'));
backend.add(import('@plinth/plugin-orchestrator-backend-module-redis'));
backend.add(import('@plinth/plugin-orchestrator-backend-module-amqp'));
backend.add(import('@plinth/plugin-orchestrator-backend-module-s3'));
backend.add(orchestratorDemoModule);
// Self-service: the plinth:* scaffolder actions (examples/templates).
backend.add(import('@plinth/plugin-scaffolder-backend-module-plinth'));

// See https://backstage.io/docs/features/software-catalog/configuration#subscribing-to-catalog-errors
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

// permission plugin
backend.add(import('@backstage/plugin-permission-backend'));
// See https://backstage.io/docs/permissions/getting-started for how to create your own permission policy
backend.add(
  import('@backstage/plugin-permission-backend-module-allow-all-policy'),
);

// search plugin
backend.add(import('@backstage/plugin-search-backend'));

// search engine
// See https://backstage.io/docs/features/search/search-engines
backend.add(import('@backstage/plugin-search-backend-module-pg'));

// search collators
backend.add(import('@backstage/plugin-search-backend-module-catalog'));
backend.add(import('@backstage/plugin-search-backend-module-techdocs'));

// kubernetes plugin
backend.add(import('@backstage/plugin-kubernetes-backend'));

// user settings plugin
backend.add(import('@backstage/plugin-user-settings-backend'));

// notifications and signals plugins
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

// events plugin: the event bus other plugins (catalog, signals) subscribe to
backend.add(import('@backstage/plugin-events-backend'));

// mcp actions plugin
backend.add(import('@backstage/plugin-mcp-actions-backend'));

backend.start();
