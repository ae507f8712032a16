export { CampaignListPage } from './CampaignListPage';
export { CampaignPage } from './CampaignPage';
