import { useRouteRef } from '@backstage/core-plugin-api';
import {
  entityRouteParams,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { useCallback, useMemo } from 'react';
import {
  campaignRouteRef,
  campaignsRouteRef,
  doraRouteRef,
  rootRouteRef,
  scorecardRouteRef,
} from '../routes';
import { useOptionalRouteRef } from './useOptionalRouteRef';

/**
 * Links to the plugin's pages and to catalog entities, each `undefined`
 * when the app does not mount its page.
 */
export interface ScorecardLinks {
  root?: string;
  campaigns?: string;
  /** The DORA plugin's dashboards, when the app binds the `dora` route. */
  dora?: string;
  scorecard(identifier: string): string | undefined;
  campaign(identifier: string): string | undefined;
  entity(entityRef: string): string | undefined;
}

/** The plugin's links, with identifiers URL-encoded. */
export function useScorecardLinks(): ScorecardLinks {
  const root = useOptionalRouteRef(rootRouteRef);
  const campaigns = useOptionalRouteRef(campaignsRouteRef);
  // Optional: undefined, not an error, when the app does not bind it.
  const dora = useRouteRef(doraRouteRef);
  const scorecardRoute = useOptionalRouteRef(scorecardRouteRef);
  const campaignRoute = useOptionalRouteRef(campaignRouteRef);
  const entityRoute = useOptionalRouteRef(entityRouteRef);

  const scorecard = useCallback(
    (identifier: string) =>
      scorecardRoute?.({ scorecardId: encodeURIComponent(identifier) }),
    [scorecardRoute],
  );
  const campaign = useCallback(
    (identifier: string) =>
      campaignRoute?.({ campaignId: encodeURIComponent(identifier) }),
    [campaignRoute],
  );
  const entity = useCallback(
    (entityRef: string) => {
      if (!entityRoute) {
        return undefined;
      }
      try {
        return entityRoute(
          entityRouteParams(entityRef, { encodeParams: true }),
        );
      } catch {
        // Not an entity ref: no link.
        return undefined;
      }
    },
    [entityRoute],
  );
  const rootLink = root?.();
  const campaignsLink = campaigns?.();
  const doraLink = dora?.();
  return useMemo(
    () => ({
      root: rootLink,
      campaigns: campaignsLink,
      dora: doraLink,
      scorecard,
      campaign,
      entity,
    }),
    [rootLink, campaignsLink, doraLink, scorecard, campaign, entity],
  );
}
