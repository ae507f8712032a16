import { HumanDuration } from '@backstage/types';

export interface Config {
  plinth?: {
    /** Configuration of Plinth's blueprints backend. */
    blueprints?: {
      /**
       * Files and folders of Port-format blueprints (JSON or YAML; folders
       * are read recursively). Relative paths start at the backend's working
       * folder, which is `packages/backend` under `npm start`. Only the
       * blueprints of these files are read; entities in them are ignored.
       */
      files?: string[];
      /**
       * How often the registry reads its sources again (files and catalog
       * `Blueprint` entities), and how often each replica reloads the
       * applied set from the database: an object such as `{ seconds: 30 }`,
       * or a string such as `1m` or `PT1M`. Defaults to 30 seconds.
       */
      refreshInterval?: HumanDuration | string;
      /** The derived-property engine (mirror, calculation, aggregation). */
      derived?: {
        /**
         * How often every entity of a blueprint is read from the catalog and
         * compared with the engine's copy, to catch deletions and anything
         * the catalog module's change feed missed; changes in between arrive
         * within seconds through the feed. Defaults to 30 minutes.
         */
        catalogSyncInterval?: HumanDuration | string;
      };
    };
  };
}
