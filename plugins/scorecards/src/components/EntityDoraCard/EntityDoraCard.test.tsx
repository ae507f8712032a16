import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen, within } from '@testing-library/react';
import { doraReport, noMetrics } from '../../__testUtils__/doraFixtures';
import { cartService, fakeScorecardsApi } from '../../__testUtils__/fixtures';
import { ScorecardsApi, scorecardsApiRef } from '../../api/ScorecardsApi';
import { tierColor } from '../../lib/doraTiers';
import { EntityDoraCard } from './EntityDoraCard';

function renderCard(api: ScorecardsApi = fakeScorecardsApi()) {
  return renderInTestApp(
    <EntityProvider entity={cartService}>
      <EntityDoraCard />
    </EntityProvider>,
    { apis: [[scorecardsApiRef, api]] },
  );
}

/** The row of the key titled `title`. */
async function row(title: string): Promise<HTMLElement> {
  const header = await screen.findByText(title);
  return header.closest('tr') as HTMLElement;
}

describe('EntityDoraCard', () => {
  it('asks for the last 90 days of the entity in production, weekly', async () => {
    const api = fakeScorecardsApi();
    renderCard(api);
    await row('Deployment frequency');
    const query = api.getDoraMetrics.mock.calls[0][0]!;
    expect(query).toMatchObject({
      entityRef: 'component:default/cart-service',
      environment: 'production',
      groupBy: 'none',
    });
    const days = (Date.parse(query.to!) - Date.parse(query.from!)) / 86_400_000;
    expect(days).toBeGreaterThan(89);
    expect(days).toBeLessThan(90);
    expect(api.getDoraTrends).toHaveBeenCalledWith(
      expect.objectContaining({ bucket: 'week', entityRef: query.entityRef }),
    );
  });

  it('shows each key with its value and its tier in the tier colour', async () => {
    renderCard();
    const frequency = await row('Deployment frequency');
    expect(frequency).toHaveTextContent('1.22/day · 60 deployment days');
    expect(within(frequency).getByLabelText('Tier: Elite')).toHaveStyle({
      backgroundColor: tierColor('elite'),
    });
    const failures = await row('Change failure rate');
    expect(within(failures).getByLabelText('Tier: Low')).toHaveStyle({
      backgroundColor: tierColor('low'),
    });
    expect(await row('Lead time for changes')).toHaveTextContent(
      'median 5.5 h · p90 30 h',
    );
    expect(
      within(await row('Rework rate')).getByLabelText('Tier: High'),
    ).toBeInTheDocument();
    expect(
      within(frequency).getByRole('img', {
        name: 'Deployment frequency trend',
      }),
    ).toBeInTheDocument();
  });

  it('says so when the entity has no DORA events', async () => {
    renderCard(
      fakeScorecardsApi({
        getDoraMetrics: jest.fn(async () =>
          doraReport('none', [{ key: null, metrics: noMetrics }]),
        ),
      }),
    );
    expect(await screen.findByText('No DORA events')).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });
});
