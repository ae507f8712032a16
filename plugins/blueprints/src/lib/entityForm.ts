import { ErrorSchema, RJSFSchema, UiSchema } from '@rjsf/utils';
import {
  Blueprint,
  BlueprintProperty,
  IDENTIFIER_PATTERN,
  PortEntity,
  Problem,
  propertyTypeOf,
} from '@plinth/plugin-blueprints-common';

/** One choice of a select: what is stored, and what is shown. */
export interface FormOption {
  value: string;
  label: string;
}

/** What the entity form holds, before it becomes a Port entity. */
export interface EntityFormData {
  identifier?: string;
  title?: string;
  team?: string;
  properties?: Record<string, unknown>;
  relations?: Record<string, string | string[] | undefined>;
}

/** The choices of the form's selects: teams, and each relation's targets. */
export interface EntityFormOptions {
  teams: FormOption[];
  /** By relation key: the entities of the relation's target blueprint. */
  relationTargets: Record<string, FormOption[]>;
}

/** Port's keywords that are no JSON schema: kept out of the form's schema. */
const PORT_ONLY_KEYWORDS = [
  'icon',
  'enumColors',
  'spec',
  'specAuthentication',
] as const;

/** Widgets for Port's string formats that JSON schema has no widget for. */
const FORMAT_WIDGETS: Record<string, string> = {
  markdown: 'TextareaWidget',
  yaml: 'TextareaWidget',
  proto: 'TextareaWidget',
  timer: 'DateTimeWidget',
  url: 'URLWidget',
};

/** The name the JSON-object field is registered under in the form. */
export const JSON_FIELD = 'JsonObjectField';

function withoutPortKeywords(
  schema: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...schema };
  for (const keyword of PORT_ONLY_KEYWORDS) {
    delete out[keyword];
  }
  if (out.items && typeof out.items === 'object') {
    out.items = withoutPortKeywords(out.items as Record<string, unknown>);
  }
  if (out.properties && typeof out.properties === 'object') {
    out.properties = Object.fromEntries(
      Object.entries(out.properties as Record<string, unknown>).map(
        ([key, value]) => [
          key,
          withoutPortKeywords(value as Record<string, unknown>),
        ],
      ),
    );
  }
  return out;
}

/** The form schema and UI schema of one blueprint property. */
function propertyField(
  key: string,
  property: BlueprintProperty,
  teams: FormOption[],
): { schema: Record<string, unknown>; ui: UiSchema } {
  const title = property.title ?? key;
  const ui: UiSchema = {};
  // Port's `"type": "enum"` (its ArgoCD integration) is a string enum.
  const type = propertyTypeOf(property);
  let schema: Record<string, unknown> = {
    ...withoutPortKeywords(property as unknown as Record<string, unknown>),
    ...(type ? { type } : {}),
    title,
  };

  if (type === 'object') {
    if (property.format === 'labeled-url') {
      schema = {
        type: 'object',
        title,
        description: property.description,
        properties: {
          url: { type: 'string', format: 'url', title: 'URL' },
          displayText: { type: 'string', title: 'Display text' },
        },
        required: ['url'],
      };
      ui.url = { 'ui:widget': 'URLWidget' };
    } else if (!property.properties) {
      // A free-form object, or an inline specification: edited as JSON.
      ui['ui:field'] = JSON_FIELD;
    }
  } else if (type === 'string' && property.format) {
    if (property.format === 'team' && teams.length > 0 && !property.enum) {
      schema.oneOf = teams.map(team => ({
        const: team.value,
        title: team.label,
      }));
    }
    const widget = FORMAT_WIDGETS[property.format];
    if (widget && !property.enum) {
      ui['ui:widget'] = widget;
    }
    if (widget === 'TextareaWidget') {
      ui['ui:options'] = { rows: property.format === 'markdown' ? 5 : 8 };
    }
    if (property.format === 'user') {
      ui['ui:placeholder'] = 'the e-mail of the user';
    }
  } else if (
    type === 'string' &&
    (property.spec === 'open-api' || property.spec === 'async-api')
  ) {
    ui['ui:widget'] = 'TextareaWidget';
    ui['ui:options'] = { rows: 8 };
  } else if (type === 'array') {
    const items = (property.items ?? {}) as Partial<BlueprintProperty>;
    if (items.enum && property.uniqueItems) {
      ui['ui:widget'] = 'checkboxes';
      ui['ui:options'] = { inline: true };
    } else if (items.format && FORMAT_WIDGETS[items.format]) {
      ui.items = { 'ui:widget': FORMAT_WIDGETS[items.format] };
    }
  }
  return { schema, ui };
}

/** The form schema of one relation: a select of the target's entities. */
function relationField(
  title: string,
  description: string | undefined,
  many: boolean,
  required: boolean,
  targets: FormOption[] | undefined,
  targetTitle: string,
): { schema: Record<string, unknown>; ui: UiSchema } {
  const choices =
    targets && targets.length > 0
      ? { oneOf: targets.map(t => ({ const: t.value, title: t.label })) }
      : {};
  const hint =
    targets && targets.length === 0
      ? `There are no ${targetTitle} entities yet: enter the identifier of one.`
      : undefined;
  const text = [description, hint].filter(Boolean).join(' ') || undefined;
  if (many) {
    return {
      schema: {
        type: 'array',
        title,
        ...(text ? { description: text } : {}),
        uniqueItems: true,
        ...(required ? { minItems: 1 } : {}),
        items: { type: 'string', ...choices },
      },
      ui: 'oneOf' in choices ? { 'ui:widget': 'checkboxes' } : {},
    };
  }
  return {
    schema: {
      type: 'string',
      title,
      ...(text ? { description: text } : {}),
      ...choices,
    },
    ui: {},
  };
}

/**
 * The react-jsonschema-form schema of the form that creates an entity of
 * `blueprint`: identifier, title and team; the blueprint's properties as its
 * schema says (Port's own keywords left out, Port's formats given widgets);
 * each relation a select of its target blueprint's entities, a multiple
 * one for relations that hold many.
 */
export function entityFormSchema(
  blueprint: Blueprint,
  blueprints: ReadonlyMap<string, Blueprint>,
  options: EntityFormOptions,
): { schema: RJSFSchema; uiSchema: UiSchema } {
  const propertySchemas: Record<string, RJSFSchema> = {};
  const propertyUi: UiSchema = {};
  const order = Object.keys(blueprint.schema.properties);
  for (const key of order) {
    const field = propertyField(
      key,
      blueprint.schema.properties[key],
      options.teams,
    );
    propertySchemas[key] = field.schema;
    propertyUi[key] = field.ui;
  }

  const relationSchemas: Record<string, RJSFSchema> = {};
  const relationUi: UiSchema = {};
  const requiredRelations: string[] = [];
  for (const [key, relation] of Object.entries(blueprint.relations ?? {})) {
    const field = relationField(
      relation.title ?? key,
      relation.description,
      relation.many === true,
      relation.required === true,
      options.relationTargets[key],
      blueprints.get(relation.target)?.title ?? relation.target,
    );
    relationSchemas[key] = field.schema;
    relationUi[key] = field.ui;
    if (relation.required) requiredRelations.push(key);
  }

  const teamSchema: RJSFSchema =
    options.teams.length > 0
      ? {
          type: 'string',
          title: 'Team',
          oneOf: options.teams.map(t => ({ const: t.value, title: t.label })),
        }
      : { type: 'string', title: 'Team' };

  // A section whose fields are required must itself be there, or its
  // `required` is never checked.
  const required = ['identifier'];
  if ((blueprint.schema.required ?? []).length > 0) required.push('properties');
  if (requiredRelations.length > 0) required.push('relations');

  const schema: RJSFSchema = {
    type: 'object',
    required,
    properties: {
      identifier: {
        type: 'string',
        title: 'Identifier',
        description:
          'Unique among the entities of this blueprint: letters, digits and @ _ . + : / = -, at most 100 characters.',
        pattern: IDENTIFIER_PATTERN.source,
        maxLength: 100,
      },
      title: { type: 'string', title: 'Title' },
      team: teamSchema,
      ...(order.length > 0
        ? {
            properties: {
              type: 'object',
              title: 'Properties',
              required: blueprint.schema.required ?? [],
              properties: propertySchemas,
            },
          }
        : {}),
      ...(Object.keys(relationSchemas).length > 0
        ? {
            relations: {
              type: 'object',
              title: 'Relations',
              required: requiredRelations,
              properties: relationSchemas,
            },
          }
        : {}),
    },
  };
  const uiSchema: UiSchema = {
    'ui:order': ['identifier', 'title', 'team', 'properties', 'relations'],
    identifier: { 'ui:autofocus': true },
    properties: { ...propertyUi, 'ui:order': order },
    relations: relationUi,
  };
  return { schema, uiSchema };
}

function isBlank(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    value === '' ||
    (Array.isArray(value) && value.length === 0)
  );
}

/** The Port entity the form's data describes: blank fields left out. */
export function formDataToPortEntity(data: EntityFormData): PortEntity {
  const entity: PortEntity = { identifier: data.identifier ?? '' };
  if (!isBlank(data.title)) entity.title = data.title;
  if (!isBlank(data.team)) entity.team = data.team;
  const properties = Object.fromEntries(
    Object.entries(data.properties ?? {}).filter(([, v]) => !isBlank(v)),
  );
  if (Object.keys(properties).length > 0) entity.properties = properties;
  const relations = Object.fromEntries(
    Object.entries(data.relations ?? {}).filter(([, v]) => !isBlank(v)),
  ) as PortEntity['relations'];
  if (relations && Object.keys(relations).length > 0) {
    entity.relations = relations;
  }
  return entity;
}

function decodePointer(pointer: string): string[] {
  return pointer
    .split('/')
    .slice(1)
    .map(segment => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The form fields a problem can be shown at: top-level fields, and properties and relations by key. */
const TOP_LEVEL_FIELDS = new Set(['identifier', 'title', 'team']);

/**
 * Places the backend's problems on the form's fields: `/properties/replicas`
 * on the Replicas field, `/relations/system` on the System select,
 * `/identifier` on the identifier. A problem deeper in a field
 * (`/properties/pipeline/url`) says where (`url: …`); problems of the whole
 * entity, or of fields the form does not have, are returned apart.
 */
export function problemsToErrorSchema(
  problems: Problem[],
  schema: RJSFSchema,
): { errorSchema: ErrorSchema; general: Problem[] } {
  const errorSchema: Record<string, any> = {};
  const general: Problem[] = [];
  const sections = (schema.properties ?? {}) as Record<
    string,
    { properties?: Record<string, unknown> }
  >;
  const add = (path: string[], message: string) => {
    let node = errorSchema;
    for (const segment of path) {
      node[segment] = node[segment] ?? {};
      node = node[segment];
    }
    node.__errors = [...(node.__errors ?? []), message];
  };
  for (const problem of problems) {
    const [field, key, ...rest] = decodePointer(problem.pointer);
    if (field && TOP_LEVEL_FIELDS.has(field) && key === undefined) {
      add([field], problem.message);
    } else if (
      (field === 'properties' || field === 'relations') &&
      key !== undefined &&
      sections[field]?.properties?.[key] !== undefined
    ) {
      const where = field === 'relations' ? [] : rest;
      add(
        [field, key],
        where.length > 0
          ? `${where.join('/')}: ${problem.message}`
          : problem.message,
      );
    } else {
      general.push(problem);
    }
  }
  return { errorSchema: errorSchema as ErrorSchema, general };
}
