import { HumanDuration } from '@backstage/types';

export interface Config {
  plinth?: {
    /** Configuration of Plinth's scorecards backend. */
    scorecards?: {
      /**
       * Files and folders of scorecards (JSON or YAML; folders are read
       * recursively): one scorecard, a list, or Port's grouped resource-file
       * form `[{"blueprint": ..., "data": [...]}]`. Relative paths start at
       * the backend's working folder (`packages/backend` under `npm start`).
       */
      files?: string[];
      /**
       * Campaigns: sets of scorecard rules every entity in scope should pass
       * by a deadline. Each is `{identifier, title, description?, deadline,
       * target?, rules: [{scorecard, rule}]}`.
       */
      campaigns?: Array<{
        identifier: string;
        title: string;
        description?: string;
        deadline: string;
        target?: number;
        rules: Array<{ scorecard: string; rule: string }>;
      }>;
      /**
       * How often the sources (files, catalog `Scorecard` entities, the
       * API's) are read again: an object such as `{ seconds: 30 }`, or a
       * string such as `30s` or `PT30S`. Defaults to 30 seconds.
       */
      refreshInterval?: HumanDuration | string;
      /**
       * How often every scorecard is evaluated in full, for what time alone
       * changes (date rules, exemptions that end). Changes to entities are
       * evaluated within seconds in between. Defaults to 1 hour.
       */
      evaluationInterval?: HumanDuration | string;
      /**
       * The blueprints whose entities a result is grouped under as its
       * system and its domain. Default `System` and `Domain`.
       */
      facets?: {
        system?: string;
        domain?: string;
      };
    };
    /** DORA metrics: events in, the five keys out. */
    dora?: {
      /**
       * Whether the example backend loads its generated year of demo events
       * at start (read by `packages/backend`'s demo module, not by this
       * plugin). Defaults to false.
       */
      demoHistory?: boolean;
      /**
       * The largest body of `POST /dora/events` and of a webhook delivery, in
       * bytes; a larger one is answered 413. Defaults to 10 MiB.
       */
      maxBatchBytes?: number;
      /**
       * The tier bounds (elite, high, medium; below medium is low).
       * Defaults from the 2023/2024 Accelerate State of DevOps reports; see
       * the package README.
       */
      tiers?: {
        /** Successful deployments per day, at least. Defaults 1, 1/7, 1/30. */
        deploymentsPerDay?: { elite?: number; high?: number; medium?: number };
        /** Median lead time in hours, at most. Defaults 24, 168, 720. */
        leadTimeHours?: { elite?: number; high?: number; medium?: number };
        /** Change failure rate (0 to 1), at most. Defaults 0.05, 0.10, 0.15. */
        changeFailureRate?: { elite?: number; high?: number; medium?: number };
        /** Median recovery time in hours, at most. Defaults 1, 24, 168. */
        recoveryHours?: { elite?: number; high?: number; medium?: number };
        /** Rework rate (0 to 1), at most. Defaults 0.05, 0.10, 0.15. */
        reworkRate?: { elite?: number; high?: number; medium?: number };
      };
      /** Shared secrets of the webhook adapters. */
      webhooks?: {
        github?: {
          /**
           * The webhook secret, checked against `X-Hub-Signature-256`.
           * @visibility secret
           */
          secret: string;
        };
        pagerduty?: {
          /**
           * A token expected in the `X-Plinth-Token` header.
           * @visibility secret
           */
          token?: string;
          /**
           * The signing secret, checked against `X-PagerDuty-Signature`.
           * @visibility secret
           */
          signingSecret?: string;
        };
      };
    };
  };
}
