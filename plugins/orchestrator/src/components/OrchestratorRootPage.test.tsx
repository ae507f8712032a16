import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { fakeOrchestratorApi } from '../__testUtils__/fixtures';
import { orchestratorApiRef } from '../api/OrchestratorApi';
import { OrchestratorRootPage } from './OrchestratorRootPage';

function renderPage(variant: 'nfs' | 'legacy') {
  return renderInTestApp(<OrchestratorRootPage variant={variant} />, {
    apis: [[orchestratorApiRef, fakeOrchestratorApi()]],
  });
}

// Whole pages render here: on a loaded 2-core CI machine a test can pass 5 s.
jest.setTimeout(30_000);

describe('OrchestratorRootPage', () => {
  it('shows the admin page under its own header in the old frontend system', async () => {
    renderPage('legacy');
    expect(
      await screen.findByRole('tab', { name: 'Resource definitions' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { name: 'Platform orchestrator' }),
    ).toBeInTheDocument();
  });

  it('leaves the header to the app in the new frontend system', async () => {
    renderPage('nfs');
    expect(
      await screen.findByRole('tab', { name: 'Resource definitions' }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('heading', { name: 'Platform orchestrator' }),
    ).not.toBeInTheDocument();
  });
});
