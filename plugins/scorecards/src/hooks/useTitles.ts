import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { scorecardsApiRef } from '../api/ScorecardsApi';

/**
 * The title of a scorecard, for breadcrumbs and headers: its identifier
 * until the scorecards are read, or when it has no title or does not exist.
 */
export function useScorecardTitle(identifier: string): string {
  const api = useApi(scorecardsApiRef);
  const { value } = useAsync(() => api.listScorecards(), [api]);
  const found = value?.items.find(
    item => item.scorecard.identifier === identifier,
  );
  return found?.scorecard.title ?? identifier;
}

/**
 * The title of a campaign, for breadcrumbs and headers: its identifier
 * until the campaigns are read, or when it does not exist.
 */
export function useCampaignTitle(identifier: string): string {
  const api = useApi(scorecardsApiRef);
  const { value } = useAsync(() => api.listCampaigns(), [api]);
  const found = value?.items.find(
    item => item.campaign.identifier === identifier,
  );
  return found?.campaign.title ?? identifier;
}
