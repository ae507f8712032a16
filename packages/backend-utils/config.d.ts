import { HumanDuration } from '@backstage/types';

export interface Config {
  plinth?: {
    /**
     * How Plinth's read routes decide which entities a caller may see: the
     * catalog's `catalog.entity.read` permission, asked with the caller's
     * credentials.
     */
    catalogVisibility?: {
      /**
       * How long a caller's decision, and the catalog's answer for an
       * entity, are reused for that caller (never past the expiry of the
       * caller's token): an object such as `{ seconds: 10 }`, or a string
       * such as `10s`. A changed policy or entity ownership counts within
       * this time. `0` asks on every request. Defaults to 10 seconds.
       */
      cacheTtl?: HumanDuration | string;
    };
  };
}
