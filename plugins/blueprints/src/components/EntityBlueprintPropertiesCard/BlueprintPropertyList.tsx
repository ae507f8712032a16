import { Entity } from '@backstage/catalog-model';
import { Text } from '@backstage/ui';
import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import { makeStyles } from '@material-ui/core/styles';
import ErrorOutlineIcon from '@material-ui/icons/ErrorOutline';
import {
  Blueprint,
  DerivedPropertiesResponse,
  PortEntity,
} from '@plinth/plugin-blueprints-common';
import { ReactNode } from 'react';
import {
  DERIVED_KIND_LABELS,
  DerivedDefinition,
  derivedDefinitions,
  derivedSchema,
  describeDerived,
} from '../../lib/derived';
import { ValueSchema } from '../../lib/valueSchema';
import { PropertyValue } from '../PropertyValue';

const useStyles = makeStyles(theme => ({
  list: {
    display: 'grid',
    gridTemplateColumns: 'minmax(8rem, max-content) 1fr',
    columnGap: theme.spacing(3),
    rowGap: theme.spacing(1.5),
    margin: 0,
    alignItems: 'baseline',
  },
  term: {
    margin: 0,
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    gap: theme.spacing(0.5),
  },
  value: {
    margin: 0,
    minWidth: 0,
    overflowWrap: 'anywhere',
    '& p:first-child': { marginTop: 0 },
    '& p:last-child': { marginBottom: 0 },
  },
  section: {
    marginTop: theme.spacing(1),
    paddingTop: theme.spacing(1.5),
    borderTop: `1px solid ${theme.palette.divider}`,
  },
  mark: {
    height: 18,
    fontSize: '0.7rem',
  },
  error: {
    display: 'inline-flex',
    alignItems: 'flex-start',
    gap: theme.spacing(0.5),
    color: theme.palette.error.main,
    '& svg': { fontSize: '1.1rem' },
  },
}));

function Label(props: { title: string; description?: string }) {
  const text = (
    <Text as="span" variant="body-small" weight="bold">
      {props.title}
    </Text>
  );
  return props.description ? (
    <Tooltip title={props.description} placement="top-start">
      {text}
    </Tooltip>
  ) : (
    text
  );
}

/** The mark of a derived property: its kind, and what it derives from. */
function DerivedMark(props: { derived: DerivedDefinition; title: string }) {
  const classes = useStyles();
  return (
    <Tooltip title={props.title}>
      <Chip
        size="small"
        variant="outlined"
        color="primary"
        className={classes.mark}
        label={DERIVED_KIND_LABELS[props.derived.kind]}
      />
    </Tooltip>
  );
}

function DerivedValue(props: {
  derived: DerivedDefinition;
  schema?: ValueSchema;
  response?: DerivedPropertiesResponse;
  entity: Entity;
}) {
  const { derived, schema, response, entity } = props;
  const classes = useStyles();
  const computed = response?.values[derived.key];
  if (!computed) {
    return (
      <Text as="span" variant="body-small" color="secondary">
        not computed yet
      </Text>
    );
  }
  if (computed.error) {
    return (
      <span className={classes.error} role="alert">
        <ErrorOutlineIcon aria-hidden />
        <span>{computed.error}</span>
      </span>
    );
  }
  return (
    <PropertyValue value={computed.value} schema={schema} entity={entity} />
  );
}

/**
 * An entity's blueprint properties and derived properties, each rendered as
 * its definition says; derived ones marked with their kind and, when their
 * computation failed, why.
 */
export function BlueprintPropertyList(props: {
  entity: Entity;
  port: PortEntity;
  blueprint: Blueprint;
  blueprints: ReadonlyMap<string, Blueprint>;
  derived?: DerivedPropertiesResponse;
  /** Shown in place of derived values that could not be read. */
  derivedError?: ReactNode;
}) {
  const { entity, port, blueprint, blueprints, derived, derivedError } = props;
  const classes = useStyles();
  const values = port.properties ?? {};
  const defined = blueprint.schema.properties;
  const extra = Object.keys(values).filter(key => !(key in defined));
  const derivedList = derivedDefinitions(blueprint);

  const rows: ReactNode[] = [];
  for (const [key, property] of Object.entries(defined)) {
    rows.push(
      <dt key={`t-${key}`} className={classes.term}>
        <Label
          title={property.title ?? key}
          description={property.description}
        />
      </dt>,
      <dd key={`d-${key}`} className={classes.value}>
        <PropertyValue
          value={values[key]}
          schema={property as ValueSchema}
          entity={entity}
        />
      </dd>,
    );
  }
  for (const key of extra) {
    rows.push(
      <dt key={`t-${key}`} className={classes.term}>
        <Label
          title={key}
          description={`Not a property of the ${
            blueprint.title ?? blueprint.identifier
          } blueprint`}
        />
      </dt>,
      <dd key={`d-${key}`} className={classes.value}>
        <PropertyValue value={values[key]} entity={entity} />
      </dd>,
    );
  }
  const derivedRows = derivedList.flatMap(item => [
    <dt key={`t-${item.kind}-${item.key}`} className={classes.term}>
      <Label
        title={item.definition.title ?? item.key}
        description={item.definition.title ? item.key : undefined}
      />
      <DerivedMark derived={item} title={describeDerived(item, blueprints)} />
    </dt>,
    <dd key={`d-${item.kind}-${item.key}`} className={classes.value}>
      <DerivedValue
        derived={item}
        schema={derivedSchema(item, blueprint, blueprints)}
        response={derived}
        entity={entity}
      />
    </dd>,
  ]);

  if (rows.length === 0 && derivedRows.length === 0) {
    return (
      <Text as="p" color="secondary">
        The {blueprint.title ?? blueprint.identifier} blueprint defines no
        properties.
      </Text>
    );
  }
  return (
    <>
      {rows.length > 0 && <dl className={classes.list}>{rows}</dl>}
      {derivedRows.length > 0 && (
        <section
          className={rows.length > 0 ? classes.section : undefined}
          aria-label="Derived properties"
        >
          <Text as="h4" variant="body-small" color="secondary">
            Derived properties
          </Text>
          {derivedError}
          <dl className={classes.list}>{derivedRows}</dl>
        </section>
      )}
    </>
  );
}
