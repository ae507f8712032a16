export interface Config {
  plinth?: {
    /** Configuration of Plinth's DORA backend. */
    dora?: {
      /**
       * The largest body of `POST /api/dora/events` and of a webhook delivery,
       * in bytes; a larger one is answered 413. Defaults to 10 MiB.
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
      /**
       * The webhooks of event sources. Each source's module reads its own
       * secrets here (`github.secret`, `pagerduty.token`, …).
       */
      webhooks?: {
        /**
         * How long the ids of webhook deliveries (GitHub's
         * `X-GitHub-Delivery`, PagerDuty's `event.id`) are kept to ignore a
         * delivery received again: a duration object (`{ days: 30 }`), an
         * ISO 8601 duration (`P30D`) or a string such as `30d`. Defaults to
         * 30 days; older ids are forgotten by an hourly task.
         */
        deliveryRetention?:
          | {
              years?: number;
              months?: number;
              weeks?: number;
              days?: number;
              hours?: number;
              minutes?: number;
              seconds?: number;
              milliseconds?: number;
            }
          | string;
      };
    };
  };
}
