import { Content, Header, Page } from '@backstage/core-components';
import { DoraPage } from './DoraPage';

/**
 * How the page is framed: in the new frontend system the app draws the page
 * header; in the old one the page brings its own.
 */
export type DoraPageVariant = 'nfs' | 'legacy';

/**
 * The DORA dashboards as the plugin's own page, at the root of its route
 * (`/dora` in the example app).
 */
export function DoraRootPage(props: { variant?: DoraPageVariant }) {
  if ((props.variant ?? 'nfs') === 'nfs') {
    return (
      <Content>
        <DoraPage />
      </Content>
    );
  }
  return (
    <Page themeId="tool">
      <Header
        title="DORA metrics"
        subtitle="How often, how fast and how safely teams deliver"
      />
      <Content>
        <DoraPage />
      </Content>
    </Page>
  );
}
