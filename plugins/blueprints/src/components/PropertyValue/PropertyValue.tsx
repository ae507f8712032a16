import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CodeSnippet, MarkdownContent } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  catalogApiRef,
  EntityRefLink,
  useEntityRefLink,
} from '@backstage/plugin-catalog-react';
import { Link, Text } from '@backstage/ui';
import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';
import CheckIcon from '@material-ui/icons/Check';
import CloseIcon from '@material-ui/icons/Close';
import { entityNameFor } from '@plinth/plugin-blueprints-common';
import useAsync from 'react-use/esm/useAsync';
import { useOptionalRouteRef } from '../../hooks/useOptionalRouteRef';
import { completeEntityRef } from '../../lib/entityRefs';
import { ValueSchema } from '../../lib/valueSchema';
import { blueprintRouteRef } from '../../routes';
import { Countdown } from './Countdown';
import { EnumChip } from './EnumChip';
import { RelativeTime } from './RelativeTime';

const useStyles = makeStyles(theme => ({
  list: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(0.5),
    listStyle: 'none',
    margin: 0,
    padding: 0,
  },
  code: {
    fontFamily: 'monospace',
    fontSize: '0.9em',
  },
  boolean: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
    '& svg': { fontSize: '1.1em' },
  },
  snippet: {
    maxHeight: 320,
    overflow: 'auto',
    '& pre': { margin: 0 },
  },
}));

const SPEC_NAMES: Record<string, string> = {
  'open-api': 'OpenAPI',
  'async-api': 'AsyncAPI',
};

function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || value === '';
}

function isHttpUrl(value: unknown): value is string {
  return typeof value === 'string' && /^https?:\/\/\S+$/i.test(value);
}

function isPrimitive(value: unknown): value is string | number | boolean {
  return ['string', 'number', 'boolean'].includes(typeof value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An external link, only for http(s) URLs: entity data must not script. */
function ExternalLink(props: { href: string; children: string }) {
  if (!isHttpUrl(props.href)) {
    return <span>{props.children}</span>;
  }
  return (
    <Link href={props.href} target="_blank" rel="noopener noreferrer">
      {props.children}
    </Link>
  );
}

function NoValue() {
  return (
    <Text as="span" color="secondary" aria-label="no value">
      —
    </Text>
  );
}

function Json(props: { value: unknown; language?: string }) {
  const classes = useStyles();
  return (
    <div className={classes.snippet}>
      <CodeSnippet
        language={props.language ?? 'json'}
        text={
          typeof props.value === 'string'
            ? props.value
            : JSON.stringify(props.value, null, 2)
        }
      />
    </div>
  );
}

/**
 * A Port `user` property: the user entity whose e-mail it is (Port names
 * users by e-mail), or a user entity ref; the e-mail itself when the catalog
 * has no such user.
 */
function UserValue(props: { value: string }) {
  const { value } = props;
  const catalogApi = useApi(catalogApiRef);
  const isEmail = value.includes('@') && !value.includes(':');
  const { value: userRef, loading } = useAsync(async () => {
    if (!isEmail) {
      return stringifyEntityRef(parseEntityRef(value, { defaultKind: 'user' }));
    }
    const { items } = await catalogApi.getEntities({
      filter: { kind: 'User', 'spec.profile.email': value },
      fields: ['kind', 'metadata.name', 'metadata.namespace'],
    });
    return items.length > 0 ? stringifyEntityRef(items[0]) : undefined;
  }, [catalogApi, value, isEmail]);

  if (loading) {
    return <span>{value}</span>;
  }
  if (userRef) {
    return <EntityRefLink entityRef={userRef} />;
  }
  return <Link href={`mailto:${value}`}>{value}</Link>;
}

/** A Port `team` property: the group of that team. */
function TeamValue(props: { value: string }) {
  const ref = props.value.includes(':')
    ? completeEntityRef(props.value, 'group')
    : { kind: 'group', namespace: 'default', name: entityNameFor(props.value) };
  return ref ? <EntityRefLink entityRef={ref} /> : <span>{props.value}</span>;
}

/** A blueprint identifier (`format: blueprints`): a link to its page. */
function BlueprintValue(props: { value: string }) {
  const blueprintRoute = useOptionalRouteRef(blueprintRouteRef);
  if (!blueprintRoute) {
    return <span>{props.value}</span>;
  }
  return (
    <Link href={blueprintRoute({ identifier: props.value })}>
      {props.value}
    </Link>
  );
}

/**
 * An OpenAPI or AsyncAPI specification. On an API entity, the API docs
 * plugin renders it in the entity's Definition tab: link there. Elsewhere,
 * a specification given by URL is a link to it, one given inline is shown.
 */
function SpecValue(props: { value: unknown; spec: string; entity?: Entity }) {
  const { value, spec, entity } = props;
  const entityLink = useEntityRefLink();
  const name = SPEC_NAMES[spec] ?? spec;
  if (entity?.kind.toLocaleLowerCase('en-US') === 'api') {
    return (
      <Link href={`${entityLink(entity)}/definition`}>
        {`${name} definition in API docs`}
      </Link>
    );
  }
  if (isHttpUrl(value)) {
    return <ExternalLink href={value}>{`${name} specification`}</ExternalLink>;
  }
  return (
    <Json
      value={value}
      language={typeof value === 'string' ? 'yaml' : 'json'}
    />
  );
}

function StringValue(props: {
  value: string;
  schema: ValueSchema;
  entity?: Entity;
}) {
  const { value, schema, entity } = props;
  const classes = useStyles();
  if (schema.spec === 'open-api' || schema.spec === 'async-api') {
    return <SpecValue value={value} spec={schema.spec} entity={entity} />;
  }
  if (schema.spec === 'embedded-url') {
    return <ExternalLink href={value}>{value}</ExternalLink>;
  }
  switch (schema.format) {
    case 'url':
      return <ExternalLink href={value}>{value}</ExternalLink>;
    case 'email':
    case 'idn-email':
      return <Link href={`mailto:${value}`}>{value}</Link>;
    case 'date-time':
      return <RelativeTime value={value} />;
    case 'timer':
      return <Countdown value={value} />;
    case 'user':
      return <UserValue value={value} />;
    case 'team':
      return <TeamValue value={value} />;
    case 'markdown':
      return <MarkdownContent content={value} dialect="gfm" />;
    case 'yaml':
      return <Json value={value} language="yaml" />;
    case 'proto':
      return <Json value={value} language="protobuf" />;
    case 'ipv4':
    case 'ipv6':
      return <code className={classes.code}>{value}</code>;
    case 'blueprints':
      return <BlueprintValue value={value} />;
    default:
      return <span>{value}</span>;
  }
}

function ArrayValue(props: {
  value: unknown[];
  schema: ValueSchema;
  entity?: Entity;
}) {
  const { value, schema, entity } = props;
  const classes = useStyles();
  const items = (schema.items ?? {}) as ValueSchema;
  if (value.length === 0) {
    return <NoValue />;
  }
  const complex = value.some(
    item =>
      (isPlainObject(item) && items.format !== 'labeled-url') ||
      Array.isArray(item),
  );
  if (complex) {
    return <Json value={value} />;
  }
  // Plain strings and numbers read best as chips, like Port shows them.
  const plain = !items.format && !items.spec;
  return (
    <ul className={classes.list}>
      {value.map((item, index) => (
        <li key={index}>
          {plain && !items.enum && isPrimitive(item) ? (
            <Chip size="small" variant="outlined" label={String(item)} />
          ) : (
            <PropertyValue value={item} schema={items} entity={entity} />
          )}
        </li>
      ))}
    </ul>
  );
}

function ObjectValue(props: {
  value: Record<string, unknown>;
  schema: ValueSchema;
  entity?: Entity;
}) {
  const { value, schema, entity } = props;
  const classes = useStyles();
  if (schema.format === 'labeled-url') {
    const url = value.url;
    const text =
      typeof value.displayText === 'string' && value.displayText
        ? value.displayText
        : String(url ?? '');
    return typeof url === 'string' ? (
      <ExternalLink href={url}>{text}</ExternalLink>
    ) : (
      <Json value={value} />
    );
  }
  if (schema.spec === 'open-api' || schema.spec === 'async-api') {
    return <SpecValue value={value} spec={schema.spec} entity={entity} />;
  }
  const entries = Object.entries(value);
  if (entries.length === 0) {
    return <NoValue />;
  }
  if (entries.every(([, v]) => isPrimitive(v) || v === null)) {
    return (
      <ul className={classes.list}>
        {entries.map(([key, v]) => (
          <li key={key}>
            <Chip size="small" variant="outlined" label={`${key}: ${v}`} />
          </li>
        ))}
      </ul>
    );
  }
  return <Json value={value} />;
}

/**
 * One property value, rendered as its blueprint property says: enum values
 * as chips in their colours, URLs as links, Markdown rendered, date-times
 * relative with the exact time on hover, timers counting down, users and
 * teams as links to their catalog entities, YAML and Protobuf as code,
 * specifications linked, arrays and objects laid out. A value that does
 * not match its schema is shown as JSON.
 */
export function PropertyValue(props: {
  value: unknown;
  schema?: ValueSchema;
  /** The entity the value belongs to: API specifications link to its API docs. */
  entity?: Entity;
}) {
  const { value, entity } = props;
  const schema = props.schema ?? {};
  const classes = useStyles();

  if (isEmpty(value)) {
    return <NoValue />;
  }
  const colors = schema.enumColors ?? (schema.colorized ? schema.colors : {});
  if (
    isPrimitive(value) &&
    (schema.enum || (colors && Object.keys(colors).length > 0))
  ) {
    return <EnumChip value={value} color={colors?.[String(value)]} />;
  }
  if (typeof value === 'string') {
    return <StringValue value={value} schema={schema} entity={entity} />;
  }
  if (typeof value === 'number') {
    return <span>{value.toLocaleString('en-US')}</span>;
  }
  if (typeof value === 'boolean') {
    return (
      <span className={classes.boolean}>
        {value ? <CheckIcon /> : <CloseIcon />}
        {value ? 'Yes' : 'No'}
      </span>
    );
  }
  if (Array.isArray(value)) {
    return <ArrayValue value={value} schema={schema} entity={entity} />;
  }
  if (isPlainObject(value)) {
    return <ObjectValue value={value} schema={schema} entity={entity} />;
  }
  return <Json value={value} />;
}
