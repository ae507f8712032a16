import { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen } from '@testing-library/react';
import { cartService } from '../../__testUtils__/fixtures';
import { EntityScorecardsContent } from './EntityScorecardsContent';

const incident: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Incident',
  metadata: { name: 'checkout-down' },
};

const cards = [
  { element: <p>Scorecards card</p> },
  {
    element: <p>DORA card</p>,
    filter: (entity: Entity) => entity.kind === 'Component',
  },
];

describe('EntityScorecardsContent', () => {
  it('shows the cards that are for the entity', async () => {
    await renderInTestApp(
      <EntityProvider entity={cartService}>
        <EntityScorecardsContent cards={cards} />
      </EntityProvider>,
    );
    expect(screen.getByText('Scorecards card')).toBeInTheDocument();
    expect(screen.getByText('DORA card')).toBeInTheDocument();
  });

  it('leaves out the cards that are not for it', async () => {
    await renderInTestApp(
      <EntityProvider entity={incident}>
        <EntityScorecardsContent cards={cards} />
      </EntityProvider>,
    );
    expect(screen.getByText('Scorecards card')).toBeInTheDocument();
    expect(screen.queryByText('DORA card')).not.toBeInTheDocument();
  });

  it('says so when no card is for it', async () => {
    await renderInTestApp(
      <EntityProvider entity={incident}>
        <EntityScorecardsContent cards={cards.slice(1)} />
      </EntityProvider>,
    );
    expect(screen.getByText('Nothing to measure here')).toBeInTheDocument();
  });
});
