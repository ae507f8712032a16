import { createRouteRef, createSubRouteRef } from '@backstage/core-plugin-api';

/** The scorecards overview, `/scorecards` where the app mounts it. */
export const rootRouteRef = createRouteRef({ id: 'scorecards' });

/** The campaigns list. Matched before {@link scorecardRouteRef}. */
export const campaignsRouteRef = createSubRouteRef({
  id: 'scorecards/campaigns',
  parent: rootRouteRef,
  path: '/campaigns',
});

/** The DORA dashboards. Matched before {@link scorecardRouteRef}. */
export const doraRouteRef = createSubRouteRef({
  id: 'scorecards/dora',
  parent: rootRouteRef,
  path: '/dora',
});

/** One campaign's progress. */
export const campaignRouteRef = createSubRouteRef({
  id: 'scorecards/campaign',
  parent: rootRouteRef,
  path: '/campaigns/:campaignId',
});

/**
 * One scorecard: summary, heat map, history. Identifiers are URL-encoded
 * into the path (Port identifiers may hold `/`).
 */
export const scorecardRouteRef = createSubRouteRef({
  id: 'scorecards/scorecard',
  parent: rootRouteRef,
  path: '/:scorecardId',
});
