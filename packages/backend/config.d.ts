export interface Config {
  plinth?: {
    dora?: {
      /**
       * Whether the example backend records its generated year of demo DORA
       * events at start (`src/demo/doraDemoHistoryModule.ts`). Defaults to
       * false.
       */
      demoHistory?: boolean;
    };
    scorecards?: {
      /**
       * Whether the example backend gives the scorecards six months of
       * generated level history and daily distributions once they are first
       * evaluated (`src/demo/scorecardsDemoHistoryModule.ts`), derived from
       * each entity's current level. Defaults to false.
       */
      demoHistory?: boolean;
    };
    orchestrator?: {
      /** The example backend's demo (`src/demo/orchestratorDemoModule.ts`). */
      demo?: {
        /**
         * Whether the seed's Cart and Products services get development,
         * staging, production and a preview environment with a TTL, their
         * Score workloads in each, at start. Defaults to false.
         */
        environments?: boolean;
        /**
         * A local S3-compatible server (s3rver) the example backend starts
         * on this port, for the s3 driver, with the demo environments.
         */
        localS3?: { port: number };
        /**
         * A bare Git repository (a path) made at start when missing, which
         * the demo deployments are committed to: each app's releases to
         * development, promoted to staging, production and the preview.
         */
        gitopsRepository?: string;
      };
    };
  };
}
