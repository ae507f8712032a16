import {
  blueprints,
  deploymentBlueprint,
  environmentBlueprint,
} from '../__testUtils__/fixtures';
import {
  entityFormSchema,
  formDataToPortEntity,
  JSON_FIELD,
  problemsToErrorSchema,
} from './entityForm';

const byId = new Map(blueprints.map(b => [b.identifier, b]));
const options = {
  teams: [{ value: 'cart-team', label: 'Cart team (cart-team)' }],
  relationTargets: {
    system: [{ value: 'Cart', label: 'Cart' }],
    cluster: [],
  },
};

describe('entityFormSchema', () => {
  const { schema, uiSchema } = entityFormSchema(
    environmentBlueprint,
    byId,
    options,
  );
  const properties = (schema.properties!.properties as any).properties;
  const relations = schema.properties!.relations as any;

  it("keeps the blueprint's JSON schema, without Port's own keywords", () => {
    expect(properties.type).toEqual({
      title: 'Type',
      type: 'string',
      enum: ['development', 'staging', 'production', 'ephemeral'],
    });
    expect((schema.properties!.properties as any).required).toEqual(['type']);
    expect(properties.replicas).toMatchObject({ type: 'number', minimum: 0 });
  });

  it("gives Port's formats their widgets", () => {
    const ui = uiSchema.properties;
    expect(ui.notes['ui:widget']).toBe('TextareaWidget');
    expect(ui.values['ui:widget']).toBe('TextareaWidget');
    expect(ui.expiresAt['ui:widget']).toBe('DateTimeWidget');
    expect(ui.labels['ui:field']).toBe(JSON_FIELD);
    expect(ui.regions['ui:widget']).toBe('checkboxes');
    expect(properties.onCall.oneOf).toEqual([
      { const: 'cart-team', title: 'Cart team (cart-team)' },
    ]);
  });

  it('makes each relation a select of its target entities', () => {
    expect(relations.required).toEqual(['system']);
    // Else ajv never looks inside an absent `relations`.
    expect(schema.required).toEqual(['identifier', 'properties', 'relations']);
    expect(relations.properties.system).toEqual({
      type: 'string',
      title: 'System',
      oneOf: [{ const: 'Cart', title: 'Cart' }],
    });
    expect(relations.properties.cluster.description).toBe(
      'There are no Cluster entities yet: enter the identifier of one.',
    );
  });

  it('asks for a labeled URL as its URL and display text', () => {
    const deployment = entityFormSchema(deploymentBlueprint, byId, options);
    const pipeline = (deployment.schema.properties!.properties as any)
      .properties.pipeline;
    expect(pipeline.properties.url).toMatchObject({ format: 'url' });
    expect(pipeline.required).toEqual(['url']);
  });

  it('asks for a property Port writes as "type": "enum" as a string choice', () => {
    const application = {
      identifier: 'argocdApplication',
      schema: {
        properties: {
          healthStatus: {
            type: 'enum' as const,
            title: 'Health',
            enum: ['Healthy', 'Degraded'],
          },
        },
      },
    };
    const form = entityFormSchema(application, byId, options);
    expect(
      (form.schema.properties!.properties as any).properties.healthStatus,
    ).toEqual({
      title: 'Health',
      type: 'string',
      enum: ['Healthy', 'Degraded'],
    });
  });
});

describe('formDataToPortEntity', () => {
  it('leaves blank fields out', () => {
    expect(
      formDataToPortEntity({
        identifier: 'cart-dev',
        title: '',
        team: 'cart-team',
        properties: { type: 'development', url: undefined, regions: [] },
        relations: { system: 'Cart', cluster: undefined },
      }),
    ).toEqual({
      identifier: 'cart-dev',
      team: 'cart-team',
      properties: { type: 'development' },
      relations: { system: 'Cart' },
    });
  });
});

describe('problemsToErrorSchema', () => {
  const { schema } = entityFormSchema(deploymentBlueprint, byId, options);

  it('places each problem on the field it concerns, the rest apart', () => {
    const problem = (pointer: string, message: string) => ({
      source: 'request',
      pointer,
      message,
    });
    const { errorSchema, general } = problemsToErrorSchema(
      [
        problem('/identifier', 'is taken'),
        problem('/properties/status', 'must be one of success, failure'),
        problem('/properties/pipeline/url', 'must match format "url"'),
        problem('/relations/service', 'there is no Component "nope"'),
        problem('/properties/unknown', 'is not a property'),
        problem('', 'the entity is too large'),
      ],
      schema,
    );
    expect(errorSchema).toEqual({
      identifier: { __errors: ['is taken'] },
      properties: {
        status: { __errors: ['must be one of success, failure'] },
        pipeline: { __errors: ['url: must match format "url"'] },
      },
      relations: { service: { __errors: ['there is no Component "nope"'] } },
    });
    expect(general.map(p => p.message)).toEqual([
      'is not a property',
      'the entity is too large',
    ]);
  });
});
