import Grid from '@material-ui/core/Grid';
import { ReactNode } from 'react';
import { EntityBlueprintPropertiesCard } from '../EntityBlueprintPropertiesCard';
import { EntityBlueprintRelationsCard } from '../EntityBlueprintRelationsCard';

/**
 * Props of {@link BlueprintEntityOverview}.
 * @public
 */
export interface BlueprintEntityOverviewProps {
  /**
   * Cards shown first, beside the relations: the catalog's
   * `<EntityAboutCard variant="gridItem" />`, typically.
   */
  children?: ReactNode;
}

/**
 * An overview for entities of custom blueprint kinds in apps of the old
 * frontend system, which have no page for kinds they do not know: the cards
 * given (the catalog's about card), the blueprint relations, and the blueprint
 * properties with their derived values.
 *
 * @example
 * ```tsx
 * <EntitySwitch.Case if={isCustomBlueprintEntity}>
 *   <EntityLayout>
 *     <EntityLayout.Route path="/" title="Overview">
 *       <BlueprintEntityOverview>
 *         <EntityAboutCard variant="gridItem" />
 *       </BlueprintEntityOverview>
 *     </EntityLayout.Route>
 *   </EntityLayout>
 * </EntitySwitch.Case>
 * ```
 * @public
 */
export function BlueprintEntityOverview(props: BlueprintEntityOverviewProps) {
  return (
    <Grid container spacing={3} alignItems="stretch">
      {props.children && (
        <Grid item xs={12} md={6}>
          {props.children}
        </Grid>
      )}
      <Grid item xs={12} md={props.children ? 6 : 12}>
        <EntityBlueprintRelationsCard />
      </Grid>
      <Grid item xs={12}>
        <EntityBlueprintPropertiesCard />
      </Grid>
    </Grid>
  );
}
