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
      /** Exemptions granted through the API. */
      exemptions?: {
        /**
         * How far ahead an exemption may end: an object such as
         * `{ days: 90 }`, or a string such as `90d` or `P90D`. Defaults to
         * one year.
         */
        maxDuration?: HumanDuration | string;
      };
      /**
       * The cache of entity scorecard cards (`GET /entity/:kind/:namespace/:name`):
       * each entity's results and level history, kept as JSON per entity —
       * nothing of the caller, whose right to see the entity is checked on
       * every request. A card is forgotten as soon as this replica writes
       * results of its entity or a scorecard changes.
       */
      cardCache?: {
        /**
         * How long a card is served from the cache at most: an object such
         * as `{ minutes: 1 }`, or a string such as `60s` or `PT1M`. A card
         * is forgotten as soon as this replica writes its results, and
         * within a second of another replica doing so (each replica asks
         * the database every second), so this is only a safety net. `0`
         * (`{ seconds: 0 }` or `0s`) turns the cache off. Defaults to a
         * minute.
         */
        ttl?: HumanDuration | string;
        /**
         * Entities whose card is kept at most; the least recently read go
         * first. Defaults to 10,000.
         */
        maxEntities?: number;
      };
    };
  };
}
