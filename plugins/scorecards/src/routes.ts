import {
  createExternalRouteRef,
  createRouteRef,
  createSubRouteRef,
} from '@backstage/core-plugin-api';

/** The scorecards overview, `/scorecards` where the app mounts it. */
export const rootRouteRef = createRouteRef({ id: 'scorecards' });

/** The campaigns list. Matched before {@link scorecardRouteRef}. */
export const campaignsRouteRef = createSubRouteRef({
  id: 'scorecards/campaigns',
  parent: rootRouteRef,
  path: '/campaigns',
});

/** One campaign's progress. */
export const campaignRouteRef = createSubRouteRef({
  id: 'scorecards/campaign',
  parent: rootRouteRef,
  path: '/campaigns/:campaignId',
});

/**
 * One scorecard: summary, heat map, history. Identifiers are URL-encoded
 * into the path (Port identifiers may hold `/`). Scorecards live under
 * `/cards` so that no identifier (`campaigns`, `DORA`, in any casing, as
 * routes match without regard to case) is taken for another page.
 */
export const scorecardRouteRef = createSubRouteRef({
  id: 'scorecards/scorecard',
  parent: rootRouteRef,
  path: '/cards/:scorecardId',
});

/**
 * The DORA dashboards of the DORA plugin (`@plinth/plugin-dora`), which the
 * overview links to when the app binds this route (to `dora.root`). Without
 * a binding the overview shows no DORA link.
 */
export const doraRouteRef = createExternalRouteRef({
  id: 'scorecards/dora',
  optional: true,
});

/**
 * The path of the Scorecards tab below an entity page (the entity content
 * `entity-content:scorecards/scorecards`), which the summary card links to.
 */
export const SCORECARDS_TAB_PATH = 'scorecards';
