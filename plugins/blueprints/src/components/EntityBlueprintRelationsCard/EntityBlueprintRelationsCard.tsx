import { Entity, parseEntityRef } from '@backstage/catalog-model';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import {
  EntityInfoCard,
  EntityRefLink,
  useEntity,
} from '@backstage/plugin-catalog-react';
import { Alert, Text } from '@backstage/ui';
import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';
import {
  backstageEntityToPort,
  Blueprint,
  blueprintEntityRef,
  entityTypeOf,
} from '@plinth/plugin-blueprints-common';
import { ReactNode } from 'react';
import { useBlueprints } from '../../hooks/useBlueprints';
import { blueprintOfEntity } from '../../lib/blueprintEntity';
import { relationTypesOf } from '@plinth/plugin-blueprints-common';

/** How many incoming entities a row lists before it says how many more. */
const INCOMING_SHOWN = 10;

const useStyles = makeStyles(theme => ({
  list: {
    display: 'grid',
    gridTemplateColumns: 'minmax(7rem, max-content) 1fr',
    columnGap: theme.spacing(3),
    rowGap: theme.spacing(1.5),
    margin: 0,
    alignItems: 'baseline',
  },
  term: {
    margin: 0,
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(0.5),
    alignItems: 'center',
  },
  value: { margin: 0, minWidth: 0 },
  targets: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(0.5),
  },
  badge: { height: 18, fontSize: '0.7rem' },
  section: {
    marginTop: theme.spacing(2),
    paddingTop: theme.spacing(1.5),
    borderTop: `1px solid ${theme.palette.divider}`,
  },
}));

function Targets(props: { refs: string[]; more?: number }) {
  const classes = useStyles();
  return (
    <ul className={classes.targets}>
      {props.refs.map(ref => (
        <li key={ref}>
          <EntityRefLink entityRef={ref} />
        </li>
      ))}
      {props.more ? (
        <li>
          <Text as="span" variant="body-small" color="secondary">
            and {props.more} more
          </Text>
        </li>
      ) : null}
    </ul>
  );
}

/** The entities that relate to `entity` through other blueprints' relations. */
function incomingRelations(
  entity: Entity,
  blueprint: Blueprint,
  blueprints: ReadonlyMap<string, Blueprint>,
): Array<{ id: string; label: string; refs: string[] }> {
  const rows = [];
  for (const source of blueprints.values()) {
    const sourceKind = entityTypeOf(source.identifier).kind.toLocaleLowerCase(
      'en-US',
    );
    for (const [key, relation] of Object.entries(source.relations ?? {})) {
      if (relation.target !== blueprint.identifier) continue;
      const types = relationTypesOf(source, key);
      if (!types) continue;
      const refs = (entity.relations ?? [])
        .filter(
          r =>
            r.type === types.reverse &&
            parseEntityRef(r.targetRef).kind.toLocaleLowerCase('en-US') ===
              sourceKind,
        )
        .map(r => r.targetRef);
      if (refs.length > 0) {
        rows.push({
          id: `${source.identifier}.${key}`,
          label: `${source.title ?? source.identifier} · ${
            relation.title ?? key
          }`,
          refs: [...new Set(refs)],
        });
      }
    }
  }
  return rows;
}

/**
 * The relations of an entity as its blueprint defines them: each relation
 * by its title with links to its targets, then the entities of other
 * blueprints that relate to it.
 */
export function BlueprintRelationList(props: {
  entity: Entity;
  blueprint: Blueprint;
  blueprints: ReadonlyMap<string, Blueprint>;
}) {
  const { entity, blueprint, blueprints } = props;
  const classes = useStyles();
  const port = backstageEntityToPort(entity);
  const namespace = entity.metadata.namespace ?? 'default';

  const outgoing: ReactNode[] = [];
  for (const [key, relation] of Object.entries(blueprint.relations ?? {})) {
    const value = port?.relations?.[key];
    const targets = (Array.isArray(value) ? value : [value]).filter(
      (target): target is string => typeof target === 'string' && !!target,
    );
    const target = blueprints.get(relation.target);
    outgoing.push(
      <dt key={`t-${key}`} className={classes.term}>
        <Text as="span" variant="body-small" weight="bold">
          {relation.title ?? key}
        </Text>
        {relation.many && (
          <Chip size="small" label="many" className={classes.badge} />
        )}
      </dt>,
      <dd key={`d-${key}`} className={classes.value}>
        {targets.length > 0 ? (
          <Targets
            refs={targets.map(id =>
              blueprintEntityRef(relation.target, id, namespace),
            )}
          />
        ) : (
          <Text
            as="span"
            variant="body-small"
            color={relation.required ? 'danger' : 'secondary'}
          >
            {relation.required
              ? `required, but no ${target?.title ?? relation.target} is set`
              : '—'}
          </Text>
        )}
      </dd>,
    );
  }

  const incoming = incomingRelations(entity, blueprint, blueprints);
  if (outgoing.length === 0 && incoming.length === 0) {
    return (
      <Text as="p" color="secondary">
        No relations.
      </Text>
    );
  }
  return (
    <>
      {outgoing.length > 0 && <dl className={classes.list}>{outgoing}</dl>}
      {incoming.length > 0 && (
        <section
          aria-label="Related from other entities"
          className={outgoing.length > 0 ? classes.section : undefined}
        >
          <Text as="h4" variant="body-small" color="secondary">
            Related from
          </Text>
          <dl className={classes.list}>
            {incoming.flatMap(row => [
              <dt key={`t-${row.id}`} className={classes.term}>
                <Text as="span" variant="body-small" weight="bold">
                  {row.label}
                </Text>
              </dt>,
              <dd key={`d-${row.id}`} className={classes.value}>
                <Targets
                  refs={row.refs.slice(0, INCOMING_SHOWN)}
                  more={Math.max(0, row.refs.length - INCOMING_SHOWN)}
                />
              </dd>,
            ])}
          </dl>
        </section>
      )}
    </>
  );
}

/**
 * Props of {@link EntityBlueprintRelationsCard}.
 * @public
 */
export interface EntityBlueprintRelationsCardProps {
  /** The card's title; `<Blueprint title> relations` by default. */
  title?: string;
}

/**
 * The current entity's blueprint relations, each by its title with links to
 * its targets, and the entities that relate to it. Renders nothing for an
 * entity of no blueprint.
 * @public
 */
export function EntityBlueprintRelationsCard(
  props: EntityBlueprintRelationsCardProps,
) {
  const { entity } = useEntity();
  const identifier = blueprintOfEntity(entity);
  const blueprints = useBlueprints();
  if (!identifier) {
    return null;
  }
  const blueprint = blueprints.byId.get(identifier);
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
      />
    );
  } else {
    content = (
      <BlueprintRelationList
        entity={entity}
        blueprint={blueprint}
        blueprints={blueprints.byId}
      />
    );
  }
  return (
    <EntityInfoCard
      title={props.title ?? `${blueprint?.title ?? identifier} relations`}
    >
      {content}
    </EntityInfoCard>
  );
}
