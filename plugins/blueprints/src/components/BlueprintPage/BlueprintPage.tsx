import { Entity } from '@backstage/catalog-model';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  catalogApiRef,
  EntityRefLink,
  useEntityRefLink,
} from '@backstage/plugin-catalog-react';
import {
  Alert,
  ButtonLink,
  Card,
  CardBody,
  Cell,
  CellText,
  ColumnConfig,
  Flex,
  Table,
  Text,
} from '@backstage/ui';
import { makeStyles } from '@material-ui/core/styles';
import AddIcon from '@material-ui/icons/Add';
import ListIcon from '@material-ui/icons/List';
import {
  Blueprint,
  BlueprintVersion,
  blueprintEntityCreatePermission,
  entityTypeOf,
  RegisteredBlueprint,
} from '@plinth/plugin-blueprints-common';
import useAsync from 'react-use/esm/useAsync';
import { blueprintsApiRef } from '../../api/BlueprintsApi';
import { useBlueprints } from '../../hooks/useBlueprints';
import { useOptionalRouteRef } from '../../hooks/useOptionalRouteRef';
import { completeEntityRef } from '../../lib/entityRefs';
import { PortIcon } from '../../lib/icons';
import { displaySource } from '../../lib/sourcePath';
import { catalogIndexRouteRef, createEntityRouteRef } from '../../routes';
import { RelativeTime } from '../PropertyValue';
import {
  DerivedSection,
  ownershipText,
  PropertiesSection,
  RelationsSection,
  Section,
} from './BlueprintDefinition';
import { NAME_COLUMN_MIN_WIDTH } from '../../lib/tableLayout';

/** How many of a blueprint's entities the page lists. */
const ENTITIES_SHOWN = 20;

const useStyles = makeStyles(theme => ({
  icon: {
    fontSize: 40,
    padding: theme.spacing(1),
    borderRadius: 8,
    background: theme.palette.primary.main,
    color: theme.palette.primary.contrastText,
  },
  identifier: {
    fontFamily: 'monospace',
  },
}));

/** The link to the catalog's list filtered to one kind, when the app has the catalog. */
function useCatalogKindLink(kind: string): string | undefined {
  const catalogIndex = useRouteRef(catalogIndexRouteRef);
  if (!catalogIndex) {
    return undefined;
  }
  const query = new URLSearchParams({
    'filters[kind]': kind.toLocaleLowerCase('en-US'),
  });
  return `${catalogIndex()}?${query.toString()}`;
}

function Summary(props: {
  registered: RegisteredBlueprint;
  entityCount?: number;
}) {
  const { registered, entityCount } = props;
  const { blueprint } = registered;
  const classes = useStyles();
  const kind = entityTypeOf(blueprint.identifier).kind;
  const catalogLink = useCatalogKindLink(kind);
  const createRoute = useOptionalRouteRef(createEntityRouteRef);
  const { allowed: mayCreate } = usePermission({
    permission: blueprintEntityCreatePermission,
  });
  const title = blueprint.title ?? blueprint.identifier;
  return (
    <Card>
      <CardBody>
        <Flex direction="column" gap="3">
          <Flex gap="3" align="start">
            <PortIcon name={blueprint.icon} className={classes.icon} />
            <Flex direction="column" gap="1">
              <Text as="h2" variant="title-small" weight="bold">
                {title}
              </Text>
              <Text as="p" variant="body-small" color="secondary">
                <span className={classes.identifier}>
                  {blueprint.identifier}
                </span>
                {` · catalog kind ${kind} · version ${
                  registered.version
                } · from ${registered.origin} ${displaySource(
                  registered.source,
                )} · updated `}
                <RelativeTime value={registered.updatedAt} />
              </Text>
              {blueprint.description && (
                <Text as="p">{blueprint.description}</Text>
              )}
              <Text as="p" variant="body-small">
                Ownership: {ownershipText(blueprint)}
              </Text>
            </Flex>
          </Flex>
          <Flex gap="2" align="center">
            {catalogLink && (
              <ButtonLink
                href={catalogLink}
                variant="secondary"
                iconStart={<ListIcon />}
              >
                {entityCount === undefined
                  ? `${kind} entities in the catalog`
                  : `${entityCount} ${kind} ${
                      entityCount === 1 ? 'entity' : 'entities'
                    } in the catalog`}
              </ButtonLink>
            )}
            {mayCreate && createRoute && (
              <ButtonLink
                href={createRoute({ identifier: blueprint.identifier })}
                variant="primary"
                iconStart={<AddIcon />}
              >
                {`Create ${title}`}
              </ButtonLink>
            )}
          </Flex>
        </Flex>
      </CardBody>
    </Card>
  );
}

interface EntityRow {
  id: string;
  entity: Entity;
}

function EntitiesSection(props: {
  blueprint: Blueprint;
  entities?: Entity[];
  total?: number;
  error?: Error;
}) {
  const { blueprint, entities, total, error } = props;
  const entityLink = useEntityRefLink();
  const kind = entityTypeOf(blueprint.identifier).kind;
  const columns: ColumnConfig<EntityRow>[] = [
    {
      id: 'entity',
      label: 'Entity',
      isRowHeader: true,
      minWidth: NAME_COLUMN_MIN_WIDTH,
      cell: ({ entity }) => (
        <CellText
          title={entity.metadata.title ?? entity.metadata.name}
          description={entity.metadata.name}
          href={entityLink(entity)}
        />
      ),
    },
    {
      id: 'owner',
      label: 'Owner',
      cell: ({ entity }) => {
        const spec = entity.spec as { owner?: unknown } | undefined;
        const owner = completeEntityRef(spec?.owner, 'group');
        return owner ? (
          <Cell>
            <EntityRefLink entityRef={owner} />
          </Cell>
        ) : (
          <CellText title="—" />
        );
      },
    },
    {
      id: 'description',
      label: 'Description',
      cell: ({ entity }) => (
        <CellText title={entity.metadata.description ?? ''} />
      ),
    },
  ];
  return (
    <Section
      title="Entities"
      description={
        total === undefined
          ? undefined
          : `${total} ${kind} ${
              total === 1 ? 'entity' : 'entities'
            } in the catalog${
              total > ENTITIES_SHOWN ? `; the first ${ENTITIES_SHOWN}` : ''
            }.`
      }
    >
      {error ? (
        <ResponseErrorPanel error={error} />
      ) : (
        <Table
          columnConfig={columns}
          data={entities?.map(entity => ({
            id: `row:${entity.metadata.namespace}/${entity.metadata.name}`,
            entity,
          }))}
          isPending={entities === undefined}
          pagination={{ type: 'none' }}
          emptyState={
            <Text as="p" color="secondary">
              No {kind} entities in the catalog yet.
            </Text>
          }
        />
      )}
    </Section>
  );
}

type VersionRow = BlueprintVersion & { id: string };

const versionColumns: ColumnConfig<VersionRow>[] = [
  {
    id: 'version',
    label: 'Version',
    isRowHeader: true,
    cell: ({ version }) => <CellText title={String(version)} />,
  },
  {
    id: 'createdAt',
    label: 'When',
    cell: ({ createdAt }) => (
      <Cell>
        <RelativeTime value={createdAt} />
      </Cell>
    ),
  },
  {
    id: 'createdBy',
    label: 'By',
    cell: ({ createdBy }) => {
      const author =
        createdBy && /^(user|group):/i.test(createdBy)
          ? completeEntityRef(createdBy, 'user')
          : undefined;
      return author ? (
        <Cell>
          <EntityRefLink entityRef={author} />
        </Cell>
      ) : (
        <CellText title={createdBy ?? '—'} />
      );
    },
  },
  {
    id: 'source',
    label: 'Source',
    cell: ({ origin, source }) => (
      <CellText title={origin} description={displaySource(source)} />
    ),
  },
  {
    id: 'shape',
    label: 'Definition',
    cell: ({ blueprint }) => (
      <CellText
        title={`${
          Object.keys(blueprint.schema.properties).length
        } properties, ${
          Object.keys(blueprint.relations ?? {}).length
        } relations`}
      />
    ),
  },
];

/**
 * One blueprint: its properties, relations, derived properties and
 * ownership, its entities in the catalog, and its version history, with
 * the way to create an entity of it.
 */
export function BlueprintPage(props: { identifier: string }) {
  const { identifier } = props;
  const api = useApi(blueprintsApiRef);
  const catalogApi = useApi(catalogApiRef);
  const blueprints = useBlueprints();
  const registered = useAsync(
    () => api.getBlueprint(identifier),
    [api, identifier],
  );
  const versions = useAsync(
    () => api.getBlueprintVersions(identifier),
    [api, identifier],
  );
  const entities = useAsync(
    () =>
      catalogApi.queryEntities({
        filter: { kind: entityTypeOf(identifier).kind },
        limit: ENTITIES_SHOWN,
        orderFields: { field: 'metadata.name', order: 'asc' },
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'metadata.title',
          'metadata.description',
          'spec.owner',
        ],
      }),
    [catalogApi, identifier],
  );

  if (registered.loading) {
    return <Progress />;
  }
  if (registered.error) {
    if (
      ResponseError.is(registered.error) &&
      registered.error.statusCode === 404
    ) {
      return (
        <Alert
          status="warning"
          icon
          title={`There is no blueprint "${identifier}"`}
          description="It may have been removed, or be invalid: the data model page lists the problems of invalid blueprints."
        />
      );
    }
    return <ResponseErrorPanel error={registered.error} />;
  }
  const { blueprint } = registered.value!;
  return (
    <Flex direction="column" gap="4">
      <Summary
        registered={registered.value!}
        entityCount={entities.value?.totalItems}
      />
      <PropertiesSection blueprint={blueprint} />
      <RelationsSection blueprint={blueprint} blueprints={blueprints.byId} />
      <DerivedSection blueprint={blueprint} blueprints={blueprints.byId} />
      <EntitiesSection
        blueprint={blueprint}
        entities={entities.value?.items}
        total={entities.value?.totalItems}
        error={entities.error}
      />
      <Section title="Version history">
        {versions.error ? (
          <ResponseErrorPanel error={versions.error} />
        ) : (
          <Table
            columnConfig={versionColumns}
            data={versions.value?.items.map(v => ({
              ...v,
              id: `row:${v.version}`,
            }))}
            isPending={versions.loading}
            pagination={{ type: 'none' }}
          />
        )}
      </Section>
    </Flex>
  );
}
