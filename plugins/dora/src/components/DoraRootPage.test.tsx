import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { fakeDoraApi } from '../__testUtils__/doraFixtures';
import { doraApiRef } from '../api/DoraApi';
import { DoraRootPage } from './DoraRootPage';

function renderPage(variant: 'nfs' | 'legacy') {
  return renderInTestApp(<DoraRootPage variant={variant} />, {
    apis: [
      [doraApiRef, fakeDoraApi()],
      mockApis.identity({
        userEntityRef: 'user:default/alice',
        ownershipEntityRefs: ['user:default/alice', 'group:default/team-a'],
      }),
    ],
  });
}

// Whole pages render here: on a loaded 2-core CI machine a test can pass 5 s.
jest.setTimeout(30_000);

describe('DoraRootPage', () => {
  it('shows the DORA dashboards under their own header in the old frontend system', async () => {
    renderPage('legacy');
    expect(
      await screen.findByRole('tab', { name: 'Developer' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { name: 'DORA metrics' }),
    ).toBeInTheDocument();
  });

  it('leaves the header to the app in the new frontend system', async () => {
    renderPage('nfs');
    expect(
      await screen.findByRole('tab', { name: 'Developer' }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('heading', { name: 'DORA metrics' }),
    ).not.toBeInTheDocument();
  });
});
