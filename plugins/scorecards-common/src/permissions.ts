import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Create or replace a scorecard through the scorecards API.
 * @public
 */
export const scorecardCreatePermission = createPermission({
  name: 'plinth.scorecard.create',
  attributes: { action: 'create' },
});

/**
 * Delete a scorecard created through the scorecards API.
 * @public
 */
export const scorecardDeletePermission = createPermission({
  name: 'plinth.scorecard.delete',
  attributes: { action: 'delete' },
});

/**
 * Re-evaluate scorecards now, rather than at the next scheduled run.
 * @public
 */
export const scorecardEvaluatePermission = createPermission({
  name: 'plinth.scorecard.evaluate',
  attributes: { action: 'update' },
});

/**
 * Grant an entity an exemption from a scorecard rule.
 * @public
 */
export const scorecardExemptionCreatePermission = createPermission({
  name: 'plinth.scorecard.exemption.create',
  attributes: { action: 'create' },
});

/**
 * Revoke an exemption.
 * @public
 */
export const scorecardExemptionDeletePermission = createPermission({
  name: 'plinth.scorecard.exemption.delete',
  attributes: { action: 'delete' },
});

/**
 * Create or replace a campaign.
 * @public
 */
export const scorecardCampaignCreatePermission = createPermission({
  name: 'plinth.scorecard.campaign.create',
  attributes: { action: 'create' },
});

/**
 * Delete a campaign.
 * @public
 */
export const scorecardCampaignDeletePermission = createPermission({
  name: 'plinth.scorecard.campaign.delete',
  attributes: { action: 'delete' },
});

/**
 * Every permission of the scorecards plugin, for policies and for
 * `permissionsRegistry.addPermissions`.
 * @public
 */
export const scorecardPermissions = [
  scorecardCreatePermission,
  scorecardDeletePermission,
  scorecardEvaluatePermission,
  scorecardExemptionCreatePermission,
  scorecardExemptionDeletePermission,
  scorecardCampaignCreatePermission,
  scorecardCampaignDeletePermission,
];
