import { InputError } from '@backstage/errors';
import { renderTemplateOutputs, type TemplateContext } from './templateOutputs';

const context: TemplateContext = {
  key: 'orders/development/orders.events/component:default/orders',
  resId: 'orders.events',
  type: 'kafka-topic',
  class: 'default',
  params: { topic: 'events', partitions: 6 },
  app: 'component:default/orders',
  environment: { id: 'development', type: 'development' },
  inputs: {},
  secretInputs: [],
  dependencies: {},
};

describe('renderTemplateOutputs', () => {
  it('renders the outputs and secrets of a template definition', () => {
    expect(
      renderTemplateOutputs({
        ...context,
        inputs: {
          token: 't0k3n',
          outputs: {
            name: '${app.name}-${environment.id}-${params.topic}',
            num_partitions: '${params.partitions}',
          },
          secrets: { auth: 'Bearer ${inputs.token}' },
        },
        secretInputs: ['token'],
      }),
    ).toEqual({
      outputs: { name: 'orders-development-events', num_partitions: '6' },
      secrets: { auth: 'Bearer t0k3n' },
    });
  });

  it('says every input that is not a map of templates', () => {
    const render = () =>
      renderTemplateOutputs({
        ...context,
        inputs: { outputs: ['a'], secrets: { auth: 1 } },
      });
    expect(render).toThrow(InputError);
    expect(render).toThrow(
      "the template driver's input outputs must be a map of output names to templates; input secrets.auth must be a text.",
    );
  });
});
