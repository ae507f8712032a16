import {
  Card,
  CardBody,
  CardHeader,
  Cell,
  CellText,
  ColumnConfig,
  Flex,
  Link,
  Table,
  Text,
} from '@backstage/ui';
import { makeStyles } from '@material-ui/core/styles';
import {
  AggregationProperty,
  Blueprint,
  BlueprintProperty,
  BlueprintRelation,
  CalculationProperty,
  MirrorProperty,
} from '@plinth/plugin-blueprints-common';
import { ReactNode } from 'react';
import { useOptionalRouteRef } from '../../hooks/useOptionalRouteRef';
import { describeAggregation } from '../../lib/derived';
import { blueprintRouteRef } from '../../routes';
import { EnumChip } from '../PropertyValue';
import { NAME_COLUMN_MIN_WIDTH } from '../../lib/tableLayout';

const useStyles = makeStyles(theme => ({
  chips: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(0.5),
  },
  code: {
    fontFamily: 'monospace',
    fontSize: '0.85em',
    whiteSpace: 'pre-wrap',
    wordBreak: 'break-word',
  },
  stack: {
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(0.5),
  },
}));

/** A section of the blueprint page: a titled card around a table. */
export function Section(props: {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Card>
      <CardHeader>
        <Text as="h2" variant="title-x-small" weight="bold">
          {props.title}
        </Text>
        {props.description && (
          <Text as="p" variant="body-small" color="secondary">
            {props.description}
          </Text>
        )}
      </CardHeader>
      <CardBody>
        <Flex direction="column" gap="3">
          {props.children}
        </Flex>
      </CardBody>
    </Card>
  );
}

function Code(props: { children: string }) {
  const classes = useStyles();
  return <code className={classes.code}>{props.children}</code>;
}

/** The type of a property in words: `string · date-time`, `array of string`. */
export function typeOf(property: {
  type?: string;
  format?: string;
  spec?: string;
  items?: Record<string, unknown>;
}): string {
  const parts: string[] = [property.type ?? 'any'];
  if (property.type === 'array' && property.items) {
    parts[0] = `array of ${typeOf(property.items as typeof property)}`;
  }
  if (property.format) parts.push(property.format);
  if (property.spec) parts.push(property.spec);
  return parts.join(' · ');
}

/** The JSON-schema constraints of a property, in words. */
function constraintsOf(property: BlueprintProperty): string[] {
  const out: string[] = [];
  const range = (min?: number, max?: number, what = '') => {
    if (min !== undefined && max !== undefined)
      out.push(`${what}${min}–${max}`);
    else if (min !== undefined) out.push(`${what}≥ ${min}`);
    else if (max !== undefined) out.push(`${what}≤ ${max}`);
  };
  range(property.minimum, property.maximum);
  if (property.exclusiveMinimum !== undefined)
    out.push(`> ${property.exclusiveMinimum}`);
  if (property.exclusiveMaximum !== undefined)
    out.push(`< ${property.exclusiveMaximum}`);
  range(property.minLength, property.maxLength, 'length ');
  range(property.minItems, property.maxItems, 'items ');
  if (property.uniqueItems) out.push('unique items');
  if (property.pattern) out.push(`pattern ${property.pattern}`);
  return out;
}

/*
 * Row ids are prefixed: a table's rows and columns share one key space, and a
 * property named `type` must not collide with the Type column.
 */
function rowId(key: string): string {
  return `row:${key}`;
}

interface PropertyRow {
  id: string;
  key: string;
  property: BlueprintProperty;
  required: boolean;
}

function ValuesCell(props: { property: BlueprintProperty }) {
  const { property } = props;
  const classes = useStyles();
  const itemEnum = (property.items as BlueprintProperty | undefined)?.enum;
  const values = property.enum ?? itemEnum;
  const colors =
    property.enumColors ??
    (property.items as BlueprintProperty | undefined)?.enumColors ??
    {};
  const constraints = constraintsOf(property);
  return (
    <Cell>
      <div className={classes.stack}>
        {values && (
          <div className={classes.chips}>
            {values.map(value => (
              <EnumChip
                key={String(value)}
                value={value}
                color={colors[String(value)]}
              />
            ))}
          </div>
        )}
        {constraints.length > 0 && (
          <Text as="span" variant="body-small">
            {constraints.join(', ')}
          </Text>
        )}
        {property.default !== undefined && (
          <Text as="span" variant="body-small">
            default <Code>{JSON.stringify(property.default)}</Code>
          </Text>
        )}
        {!values &&
          constraints.length === 0 &&
          property.default === undefined && (
            <Text as="span" variant="body-small" color="secondary">
              —
            </Text>
          )}
      </div>
    </Cell>
  );
}

const propertyColumns: ColumnConfig<PropertyRow>[] = [
  {
    id: 'property',
    label: 'Property',
    isRowHeader: true,
    minWidth: NAME_COLUMN_MIN_WIDTH,
    cell: ({ key, property }) => (
      <CellText title={property.title ?? key} description={key} />
    ),
  },
  {
    id: 'type',
    label: 'Type',
    cell: ({ property }) => <CellText title={typeOf(property)} />,
  },
  {
    id: 'required',
    label: 'Required',
    cell: ({ required }) => <CellText title={required ? 'required' : '—'} />,
  },
  {
    id: 'values',
    label: 'Values',
    cell: ({ property }) => <ValuesCell property={property} />,
  },
  {
    id: 'description',
    label: 'Description',
    cell: ({ property }) => <CellText title={property.description ?? ''} />,
  },
];

/** A blueprint's properties: type and format, required, enum and colours, constraints. */
export function PropertiesSection(props: { blueprint: Blueprint }) {
  const { blueprint } = props;
  const required = new Set(blueprint.schema.required ?? []);
  const rows = Object.entries(blueprint.schema.properties).map(
    ([key, property]) => ({
      id: rowId(key),
      key,
      property,
      required: required.has(key),
    }),
  );
  return (
    <Section title="Properties">
      {rows.length === 0 ? (
        <Text as="p" color="secondary">
          No properties.
        </Text>
      ) : (
        <Table
          columnConfig={propertyColumns}
          data={rows}
          pagination={{ type: 'none' }}
        />
      )}
    </Section>
  );
}

interface RelationRow {
  id: string;
  /** The relation's key; for incoming relations, `<source>.<key>`. */
  key: string;
  relation: BlueprintRelation;
  /** For incoming relations: the blueprint that holds it. */
  source?: Blueprint;
}

function BlueprintLink(props: { identifier: string; title?: string }) {
  const blueprintRoute = useOptionalRouteRef(blueprintRouteRef);
  const text = props.title ?? props.identifier;
  return blueprintRoute ? (
    <Link href={blueprintRoute({ identifier: props.identifier })}>{text}</Link>
  ) : (
    <span>{text}</span>
  );
}

function relationColumns(
  blueprints: ReadonlyMap<string, Blueprint>,
  incoming: boolean,
): ColumnConfig<RelationRow>[] {
  return [
    {
      id: 'relation',
      label: 'Relation',
      isRowHeader: true,
      minWidth: NAME_COLUMN_MIN_WIDTH,
      cell: ({ key, relation }) => (
        <CellText title={relation.title ?? key} description={key} />
      ),
    },
    {
      id: 'target',
      label: incoming ? 'From' : 'Target',
      cell: ({ relation, source }) => {
        const identifier = incoming ? source!.identifier : relation.target;
        return (
          <Cell>
            <BlueprintLink
              identifier={identifier}
              title={blueprints.get(identifier)?.title}
            />
          </Cell>
        );
      },
    },
    {
      id: 'required',
      label: 'Required',
      cell: ({ relation }) => (
        <CellText title={relation.required ? 'required' : '—'} />
      ),
    },
    {
      id: 'many',
      label: 'Cardinality',
      cell: ({ relation }) => (
        <CellText title={relation.many ? 'many' : 'one'} />
      ),
    },
    {
      id: 'description',
      label: 'Description',
      cell: ({ relation }) => <CellText title={relation.description ?? ''} />,
    },
  ];
}

/** A blueprint's relations, and the relations of other blueprints to it. */
export function RelationsSection(props: {
  blueprint: Blueprint;
  blueprints: ReadonlyMap<string, Blueprint>;
}) {
  const { blueprint, blueprints } = props;
  const outgoing = Object.entries(blueprint.relations ?? {}).map(
    ([key, relation]) => ({ id: rowId(key), key, relation }),
  );
  const incoming: RelationRow[] = [];
  for (const source of blueprints.values()) {
    for (const [id, relation] of Object.entries(source.relations ?? {})) {
      if (relation.target === blueprint.identifier) {
        const key = `${source.identifier}.${id}`;
        incoming.push({ id: rowId(key), key, relation, source });
      }
    }
  }
  return (
    <Section title="Relations">
      {outgoing.length === 0 ? (
        <Text as="p" color="secondary">
          No relations.
        </Text>
      ) : (
        <Table
          columnConfig={relationColumns(blueprints, false)}
          data={outgoing}
          pagination={{ type: 'none' }}
        />
      )}
      {incoming.length > 0 && (
        <>
          <Text as="h3" variant="body-medium" weight="bold">
            Relations of other blueprints to{' '}
            {blueprint.title ?? blueprint.identifier}
          </Text>
          <Table
            columnConfig={relationColumns(blueprints, true).map(column =>
              column.id === 'relation'
                ? {
                    ...column,
                    cell: ({ key, relation }: RelationRow) => (
                      <CellText
                        title={relation.title ?? key.split('.').pop()!}
                        description={key}
                      />
                    ),
                  }
                : column,
            )}
            data={incoming}
            pagination={{ type: 'none' }}
          />
        </>
      )}
    </Section>
  );
}

interface DerivedRow<T> {
  id: string;
  key: string;
  definition: T;
}

/** A blueprint's mirror, calculation and aggregation properties, each with how it derives. */
export function DerivedSection(props: {
  blueprint: Blueprint;
  blueprints: ReadonlyMap<string, Blueprint>;
}) {
  const { blueprint, blueprints } = props;
  const mirrors: DerivedRow<MirrorProperty>[] = Object.entries(
    blueprint.mirrorProperties ?? {},
  ).map(([key, definition]) => ({ id: rowId(key), key, definition }));
  const calculations: DerivedRow<CalculationProperty>[] = Object.entries(
    blueprint.calculationProperties ?? {},
  ).map(([key, definition]) => ({ id: rowId(key), key, definition }));
  const aggregations: DerivedRow<AggregationProperty>[] = Object.entries(
    blueprint.aggregationProperties ?? {},
  ).map(([key, definition]) => ({ id: rowId(key), key, definition }));
  if (mirrors.length + calculations.length + aggregations.length === 0) {
    return null;
  }
  const title = (key: string, definition: { title?: string }) => (
    <CellText title={definition.title ?? key} description={key} />
  );
  return (
    <Section
      title="Derived properties"
      description="Computed by the blueprints backend from the catalog, and kept fresh as it changes."
    >
      {mirrors.length > 0 && (
        <Table
          columnConfig={[
            {
              id: 'mirror',
              label: 'Mirror property',
              isRowHeader: true,
              minWidth: NAME_COLUMN_MIN_WIDTH,
              cell: ({ key, definition }) => title(key, definition),
            },
            {
              id: 'path',
              label: 'Path',
              cell: ({ definition }) => (
                <Cell>
                  <Code>{definition.path}</Code>
                </Cell>
              ),
            },
          ]}
          data={mirrors}
          pagination={{ type: 'none' }}
        />
      )}
      {calculations.length > 0 && (
        <Table
          columnConfig={[
            {
              id: 'calculation',
              label: 'Calculation property',
              isRowHeader: true,
              minWidth: NAME_COLUMN_MIN_WIDTH,
              cell: ({ key, definition }) => title(key, definition),
            },
            {
              id: 'type',
              label: 'Type',
              cell: ({ definition }) => <CellText title={typeOf(definition)} />,
            },
            {
              id: 'jq',
              label: 'jq program',
              cell: ({ definition }) => (
                <Cell>
                  <Code>{definition.calculation}</Code>
                </Cell>
              ),
            },
          ]}
          data={calculations}
          pagination={{ type: 'none' }}
        />
      )}
      {aggregations.length > 0 && (
        <Table
          columnConfig={[
            {
              id: 'aggregation',
              label: 'Aggregation property',
              isRowHeader: true,
              minWidth: NAME_COLUMN_MIN_WIDTH,
              cell: ({ key, definition }) => title(key, definition),
            },
            {
              id: 'computes',
              label: 'Computes',
              cell: ({ definition }) => (
                <CellText title={describeAggregation(definition, blueprints)} />
              ),
            },
          ]}
          data={aggregations}
          pagination={{ type: 'none' }}
        />
      )}
    </Section>
  );
}

/** Who owns the blueprint's entities. */
export function ownershipText(blueprint: Blueprint): string {
  const ownership = blueprint.ownership;
  if (!ownership || ownership.type === 'Direct') {
    return 'Direct: each entity is owned by its own team.';
  }
  return `Inherited: each entity is owned by the team of the entity its ${ownership.path} relation path leads to.`;
}
