import { Content, Header, Page } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { BreadcrumbEntry } from '@backstage/frontend-plugin-api';
import { ReactNode } from 'react';
import { Navigate, Route, Routes, useParams } from 'react-router-dom';
import { useScorecardLinks } from '../hooks/useScorecardLinks';
import { useCampaignTitle, useScorecardTitle } from '../hooks/useTitles';
import {
  campaignRouteRef,
  campaignsRouteRef,
  rootRouteRef,
  scorecardRouteRef,
} from '../routes';
import { CampaignListPage, CampaignPage } from './CampaignsPage';
import { ScorecardPage, ScorecardsOverview } from './ScorecardsPage';

/**
 * How the pages are framed: in the new frontend system the app draws the
 * page header (and the breadcrumbs the pages register); in the old one each
 * page brings its own header.
 */
export type ScorecardsPageVariant = 'nfs' | 'legacy';

function Frame(props: {
  variant: ScorecardsPageVariant;
  title: string;
  subtitle?: string;
  children: ReactNode;
}) {
  if (props.variant === 'nfs') {
    return <Content>{props.children}</Content>;
  }
  return (
    <Page themeId="tool">
      <Header title={props.title} subtitle={props.subtitle} />
      <Content>{props.children}</Content>
    </Page>
  );
}

function CampaignsCrumb(props: { children: ReactNode }) {
  const campaignsRoute = useRouteRef(campaignsRouteRef);
  return (
    <BreadcrumbEntry entry={{ label: 'Campaigns', href: campaignsRoute() }}>
      {props.children}
    </BreadcrumbEntry>
  );
}

function ScorecardRoute(props: { variant: ScorecardsPageVariant }) {
  const { scorecardId = '' } = useParams();
  const scorecardRoute = useRouteRef(scorecardRouteRef);
  const title = useScorecardTitle(scorecardId);
  return (
    <BreadcrumbEntry
      entry={{
        label: title,
        href: scorecardRoute({ scorecardId: encodeURIComponent(scorecardId) }),
      }}
    >
      <Frame variant={props.variant} title="Scorecards" subtitle={title}>
        <ScorecardPage identifier={scorecardId} />
      </Frame>
    </BreadcrumbEntry>
  );
}

/**
 * Where a scorecard was before it moved under `/cards`: bookmarks of
 * `/scorecards/:scorecardId` go to the scorecard, and the old path of the
 * DORA dashboards (`/scorecards/dora`, lower case) to the DORA plugin when
 * the app binds it.
 */
function LegacyScorecardRedirect() {
  const { scorecardId = '' } = useParams();
  const links = useScorecardLinks();
  const target =
    scorecardId === 'dora' && links.dora
      ? links.dora
      : links.scorecard(scorecardId);
  return target ? <Navigate to={target} replace /> : null;
}

function CampaignsRoute(props: { variant: ScorecardsPageVariant }) {
  return (
    <CampaignsCrumb>
      <Frame
        variant={props.variant}
        title="Campaigns"
        subtitle="Scorecard rules to pass by a deadline"
      >
        <CampaignListPage />
      </Frame>
    </CampaignsCrumb>
  );
}

function CampaignRoute(props: { variant: ScorecardsPageVariant }) {
  const { campaignId = '' } = useParams();
  const campaignRoute = useRouteRef(campaignRouteRef);
  const title = useCampaignTitle(campaignId);
  return (
    <CampaignsCrumb>
      <BreadcrumbEntry
        entry={{
          label: title,
          href: campaignRoute({ campaignId: encodeURIComponent(campaignId) }),
        }}
      >
        <Frame variant={props.variant} title="Campaign" subtitle={title}>
          <CampaignPage identifier={campaignId} />
        </Frame>
      </BreadcrumbEntry>
    </CampaignsCrumb>
  );
}

/**
 * The scorecards plugin's pages: the overview at the page's root, the
 * campaigns at `/campaigns` and `/campaigns/:campaignId`, a scorecard at
 * `/cards/:scorecardId` (and, redirected there, at `/:scorecardId`, where
 * it was before).
 */
export function ScorecardsRouter(props: { variant?: ScorecardsPageVariant }) {
  const variant = props.variant ?? 'nfs';
  // Resolving the root here fails early when the app did not mount it.
  useRouteRef(rootRouteRef);
  return (
    <Routes>
      <Route
        path="/"
        element={
          <Frame
            variant={variant}
            title="Scorecards"
            subtitle="How entities measure up to the standards"
          >
            <ScorecardsOverview />
          </Frame>
        }
      />
      <Route
        path={campaignsRouteRef.path}
        element={<CampaignsRoute variant={variant} />}
      />
      <Route
        path={campaignRouteRef.path}
        element={<CampaignRoute variant={variant} />}
      />
      <Route
        path={scorecardRouteRef.path}
        element={<ScorecardRoute variant={variant} />}
      />
      <Route path="/:scorecardId" element={<LegacyScorecardRedirect />} />
    </Routes>
  );
}
