import { Content, Header, Page } from '@backstage/core-components';
import { OrchestratorPage } from './OrchestratorPage';

/**
 * How the page is framed: in the new frontend system the app draws the page
 * header; in the old one the page brings its own.
 */
export type OrchestratorPageVariant = 'nfs' | 'legacy';

/**
 * The platform orchestrator's admin page as the plugin's own page, at the
 * root of its route (`/orchestrator` in the example app).
 */
export function OrchestratorRootPage(props: {
  variant?: OrchestratorPageVariant;
}) {
  if ((props.variant ?? 'nfs') === 'nfs') {
    return (
      <Content>
        <OrchestratorPage />
      </Content>
    );
  }
  return (
    <Page themeId="tool">
      <Header
        title="Platform orchestrator"
        subtitle="Environment types, resource definitions and the drivers that provision them"
      />
      <Content>
        <OrchestratorPage />
      </Content>
    </Page>
  );
}
