import { getCompoundEntityRef } from '@backstage/catalog-model';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  EntityInfoCard,
  EntityRefLink,
  useEntity,
} from '@backstage/plugin-catalog-react';
import { Alert, Link, Text } from '@backstage/ui';
import { makeStyles } from '@material-ui/core/styles';
import {
  backstageEntityToPort,
  DerivedOwnership,
  entityNameFor,
} from '@plinth/plugin-blueprints-common';
import useAsync from 'react-use/esm/useAsync';
import { blueprintsApiRef } from '../../api/BlueprintsApi';
import { useBlueprints } from '../../hooks/useBlueprints';
import { useOptionalRouteRef } from '../../hooks/useOptionalRouteRef';
import { blueprintOfEntity } from '../../lib/blueprintEntity';
import { blueprintRouteRef } from '../../routes';
import { BlueprintPropertyList } from './BlueprintPropertyList';

const useStyles = makeStyles(theme => ({
  ownership: {
    marginTop: theme.spacing(2),
  },
}));

function Ownership(props: { ownership: DerivedOwnership }) {
  const { ownership } = props;
  const classes = useStyles();
  if (ownership.teams.length === 0) {
    return null;
  }
  return (
    <Text as="p" variant="body-small" className={classes.ownership}>
      Owned by{' '}
      {ownership.teams.map((team, index) => (
        <span key={team}>
          <EntityRefLink
            entityRef={{
              kind: 'group',
              namespace: 'default',
              name: entityNameFor(team),
            }}
          />
          {index < ownership.teams.length - 1 ? ', ' : ' '}
        </span>
      ))}
      <Text as="span" variant="body-small" color="secondary">
        {ownership.type === 'Inherited'
          ? `(inherited through ${ownership.path})`
          : '(direct)'}
      </Text>
    </Text>
  );
}

/**
 * Props of {@link EntityBlueprintPropertiesCard}.
 * @public
 */
export interface EntityBlueprintPropertiesCardProps {
  /** The card's title; `<Blueprint title> properties` by default. */
  title?: string;
}

/**
 * The blueprint properties of the current entity, each rendered by its type
 * and format, and its derived (mirror, calculation, aggregation) properties
 * from the blueprints backend, marked with their kind and their errors.
 * Renders nothing for an entity of no blueprint.
 * @public
 */
export function EntityBlueprintPropertiesCard(
  props: EntityBlueprintPropertiesCardProps,
) {
  const { entity } = useEntity();
  const api = useApi(blueprintsApiRef);
  const identifier = blueprintOfEntity(entity);
  const blueprints = useBlueprints();
  const blueprintRoute = useOptionalRouteRef(blueprintRouteRef);
  const derived = useAsync(
    async () =>
      identifier
        ? api.getDerivedProperties(getCompoundEntityRef(entity))
        : undefined,
    [api, entity, identifier],
  );

  if (!identifier) {
    return null;
  }
  const blueprint = blueprints.byId.get(identifier);
  const title = props.title ?? `${blueprint?.title ?? identifier} properties`;
  const port = backstageEntityToPort(entity)!;

  let content;
  if (blueprints.loading) {
    content = <Progress />;
  } else if (blueprints.error) {
    content = <ResponseErrorPanel error={blueprints.error} />;
  } else if (!blueprint) {
    content = (
      <Alert
        status="warning"
        icon
        title={`The blueprint "${identifier}" is not in the registry`}
        description="It was removed, or it is invalid: see the data model page for its problems."
      />
    );
  } else {
    content = (
      <>
        <BlueprintPropertyList
          entity={entity}
          port={port}
          blueprint={blueprint}
          blueprints={blueprints.byId}
          derived={derived.value}
          derivedError={
            derived.error ? (
              <Alert
                status="danger"
                icon
                title="Derived properties could not be read"
                description={derived.error.message}
              />
            ) : undefined
          }
        />
        {derived.value && <Ownership ownership={derived.value.ownership} />}
      </>
    );
  }

  return (
    <EntityInfoCard
      title={title}
      headerActions={
        blueprintRoute && (
          <Link href={blueprintRoute({ identifier })} variant="body-small">
            Blueprint
          </Link>
        )
      }
    >
      {content}
    </EntityInfoCard>
  );
}
