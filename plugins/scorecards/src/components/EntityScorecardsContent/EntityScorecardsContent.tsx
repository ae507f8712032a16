import { Entity } from '@backstage/catalog-model';
import { EmptyState } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import { ReactNode } from 'react';

/**
 * A card on the Scorecards tab, and which entities it is for (every entity
 * when it has no filter).
 */
export interface EntityScorecardsTabCard {
  element: ReactNode;
  filter?: (entity: Entity) => boolean;
}

/**
 * The Scorecards tab of an entity page: the cards attached to it (the
 * scorecards card, the DORA card) that are for the current entity, one
 * below the other.
 */
export function EntityScorecardsContent(props: {
  cards: ReadonlyArray<EntityScorecardsTabCard>;
}) {
  const { entity } = useEntity();
  const cards = props.cards.filter(card => !card.filter || card.filter(entity));
  if (cards.length === 0) {
    return (
      <EmptyState
        missing="content"
        title="Nothing to measure here"
        description="No scorecard or DORA card is for entities of this kind."
      />
    );
  }
  return (
    <Grid container spacing={3}>
      {cards.map((card, index) => (
        <Grid item xs={12} key={index}>
          {card.element}
        </Grid>
      ))}
    </Grid>
  );
}
