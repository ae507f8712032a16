import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useAppNavigate } from '@backstage/frontend-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import {
  Alert,
  Card,
  CardBody,
  CardHeader,
  Cell,
  CellText,
  ColumnConfig,
  Flex,
  Table,
  Text,
} from '@backstage/ui';
import { makeStyles } from '@material-ui/core/styles';
import {
  entityTypeOf,
  formatProblem,
  isWarning,
  Problem,
  RegisteredBlueprint,
} from '@plinth/plugin-blueprints-common';
import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { useBlueprints } from '../../hooks/useBlueprints';
import { useOptionalRouteRef } from '../../hooks/useOptionalRouteRef';
import { displaySource } from '../../lib/sourcePath';
import { blueprintRouteRef } from '../../routes';
import { BlueprintGraph } from './BlueprintGraph';
import { RelativeTime } from '../PropertyValue';
import { NAME_COLUMN_MIN_WIDTH } from '../../lib/tableLayout';

const useStyles = makeStyles({
  problems: {
    margin: 0,
    paddingLeft: '1.25rem',
    fontFamily: 'monospace',
    fontSize: '0.85em',
  },
});

interface BlueprintRow {
  id: string;
  registered: RegisteredBlueprint;
  entities?: number;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/**
 * The problems of the blueprint sources: errors (what they describe is not
 * applied) apart from warnings (applied as written, e.g. a keyword Plinth
 * does not use).
 */
export function RegistryProblems(props: { problems: Problem[] }) {
  const classes = useStyles();
  const errors = props.problems.filter(p => !isWarning(p));
  const warnings = props.problems.filter(isWarning);
  const list = (problems: Problem[]) => (
    <ul className={classes.problems}>
      {problems.map((problem, index) => (
        <li key={index}>
          {formatProblem({ ...problem, source: displaySource(problem.source) })}
        </li>
      ))}
    </ul>
  );
  const sourcesOf = (problems: Problem[]) =>
    plural(new Set(problems.map(p => p.source)).size, 'blueprint source');
  return (
    <>
      {errors.length > 0 && (
        <Alert
          status="warning"
          icon
          title={`${plural(errors.length, 'problem')} in ${sourcesOf(
            errors,
          )}: what they describe is not applied`}
          description={list(errors)}
        />
      )}
      {warnings.length > 0 && (
        <Alert
          status="info"
          icon
          title={`${plural(warnings.length, 'note')} on ${sourcesOf(
            warnings,
          )}: applied as written`}
          description={list(warnings)}
        />
      )}
    </>
  );
}

function useColumns(): ColumnConfig<BlueprintRow>[] {
  const blueprintRoute = useOptionalRouteRef(blueprintRouteRef);
  return useMemo(
    () => [
      {
        id: 'title',
        label: 'Blueprint',
        isRowHeader: true,
        minWidth: NAME_COLUMN_MIN_WIDTH,
        cell: ({ registered: { blueprint } }) => (
          <CellText
            title={blueprint.title ?? blueprint.identifier}
            description={blueprint.identifier}
            href={
              blueprintRoute
                ? blueprintRoute({ identifier: blueprint.identifier })
                : undefined
            }
          />
        ),
      },
      {
        id: 'kind',
        label: 'Catalog kind',
        cell: ({ registered: { blueprint } }) => (
          <CellText title={entityTypeOf(blueprint.identifier).kind} />
        ),
      },
      {
        id: 'properties',
        label: 'Properties',
        cell: ({ registered: { blueprint } }) => (
          <CellText
            title={String(Object.keys(blueprint.schema.properties).length)}
          />
        ),
      },
      {
        id: 'relations',
        label: 'Relations',
        cell: ({ registered: { blueprint } }) => {
          const relations = Object.values(blueprint.relations ?? {});
          return (
            <CellText
              title={String(relations.length)}
              description={
                [...new Set(relations.map(r => r.target))].join(', ') ||
                undefined
              }
            />
          );
        },
      },
      {
        id: 'entities',
        label: 'Entities',
        cell: ({ entities }) => (
          <CellText title={entities === undefined ? '—' : String(entities)} />
        ),
      },
      {
        id: 'source',
        label: 'Source',
        cell: ({ registered }) => (
          <CellText
            title={`${registered.origin}, version ${registered.version}`}
            description={registered.source.split('/').pop()}
          />
        ),
      },
      {
        id: 'updated',
        label: 'Updated',
        cell: ({ registered }) => (
          <Cell>
            <RelativeTime value={registered.updatedAt} />
          </Cell>
        ),
      },
    ],
    [blueprintRoute],
  );
}

/**
 * The data model: every blueprint and its relations as a graph, as Port's
 * builder draws it, and as a table; the problems of invalid blueprints.
 * Selecting a blueprint opens its page.
 */
export function DataModelPage() {
  const { loading, error, value } = useBlueprints();
  const catalogApi = useApi(catalogApiRef);
  const navigate = useAppNavigate();
  const blueprintRoute = useOptionalRouteRef(blueprintRouteRef);
  const columns = useColumns();
  const kinds = useAsync(
    () => catalogApi.getEntityFacets({ facets: ['kind'] }),
    [catalogApi],
  );

  const rows = useMemo<BlueprintRow[]>(() => {
    const counts = new Map(
      (kinds.value?.facets.kind ?? []).map(f => [
        f.value.toLocaleLowerCase('en-US'),
        f.count,
      ]),
    );
    return (value?.items ?? []).map(registered => ({
      // Rows and columns share one key space: keep them apart.
      id: `row:${registered.blueprint.identifier}`,
      registered,
      entities: kinds.value
        ? counts.get(
            entityTypeOf(
              registered.blueprint.identifier,
            ).kind.toLocaleLowerCase('en-US'),
          ) ?? 0
        : undefined,
    }));
  }, [value, kinds.value]);

  if (loading) {
    return <Progress />;
  }
  if (error) {
    return <ResponseErrorPanel error={error} />;
  }
  const items = value?.items ?? [];
  const problems = value?.problems ?? [];
  return (
    <Flex direction="column" gap="4">
      {problems.length > 0 && <RegistryProblems problems={problems} />}
      {items.length === 0 ? (
        <EmptyState
          missing="data"
          title="No blueprints yet"
          description="Name blueprint files under plinth.blueprints.files in app-config.yaml, or register catalog entities of kind Blueprint."
        />
      ) : (
        <>
          <Card>
            <CardHeader>
              <Text as="h2" variant="title-x-small" weight="bold">
                Blueprints and their relations
              </Text>
            </CardHeader>
            <CardBody>
              <BlueprintGraph
                blueprints={items.map(item => item.blueprint)}
                onSelect={identifier => {
                  if (blueprintRoute) {
                    navigate(blueprintRoute({ identifier }));
                  }
                }}
              />
            </CardBody>
          </Card>
          <Card>
            <CardHeader>
              <Text as="h2" variant="title-x-small" weight="bold">
                {`${items.length} blueprints`}
              </Text>
            </CardHeader>
            <CardBody>
              <Table
                columnConfig={columns}
                data={rows}
                pagination={{ type: 'none' }}
              />
            </CardBody>
          </Card>
        </>
      )}
    </Flex>
  );
}
