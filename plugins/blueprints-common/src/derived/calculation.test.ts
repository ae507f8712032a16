import { spawnSync } from 'node:child_process';
import { parse as parseYaml } from 'yaml';
import { seedBlueprint } from '../__testUtils__/seed';
import type { Blueprint } from '../blueprint/types';
import type { PortEntity } from '../entity/types';
import {
  calculationInput,
  checkCalculatedValue,
  computeCalculations,
  mirrorPropertiesNamedBy,
} from './calculation';
import type { JqEvaluator, JqResult } from './jq';

/**
 * A real jq as the injected evaluator: Debian's /usr/bin/jq, run once per
 * input, its first output taken (the engines of
 * @plinth/plugin-blueprints-node are tested against the same jq).
 */
function jqCli(): JqEvaluator & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    async evaluateMany(program, inputs) {
      calls.push(program);
      return inputs.map((input): JqResult => {
        const run = spawnSync('/usr/bin/jq', ['-c', program], {
          input: JSON.stringify(input),
          encoding: 'utf8',
        });
        const first = run.stdout.split('\n')[0];
        if (first !== '') return { value: JSON.parse(first) };
        if (run.status === 0) return { value: null };
        return {
          error: run.stderr
            .split('\n')[0]
            .replace(/^jq: error(?: \(at [^)]*\))?: /, ''),
          kind: run.status === 3 ? 'compile' : 'runtime',
        };
      });
    },
  };
}

function serviceBlueprint(): Blueprint {
  const blueprint = seedBlueprint('Component');
  blueprint.schema.properties.language = { type: 'string' };
  blueprint.schema.properties.replicas = { type: 'string' };
  blueprint.mirrorProperties = {
    domainTitle: { path: 'system.domain.$title' },
  };
  blueprint.aggregationProperties = {
    apiCount: {
      target: 'API',
      calculationSpec: { calculationBy: 'entities', func: 'count' },
    },
  };
  blueprint.calculationProperties = {
    slack: {
      title: 'Slack channel',
      type: 'string',
      format: 'url',
      calculation: '"https://slack.com/app/" + (.identifier | ascii_downcase)',
    },
    dependencies: {
      type: 'number',
      calculation: '.relations.components | length',
    },
    replicaCount: {
      type: 'number',
      calculation: '.properties.replicas | tonumber',
    },
    kind: {
      type: 'string',
      calculation:
        'if .properties.type == "service" then "Service" else "Library" end',
      colorized: true,
      colors: { Service: 'blue', Library: 'green' },
    },
    domainChannel: {
      type: 'string',
      calculation: '"#" + (.properties.domainTitle | ascii_downcase)',
    },
    wrongType: {
      type: 'boolean',
      calculation: '.relations.components',
    },
  };
  return blueprint;
}

const cart: PortEntity = {
  identifier: 'CartService',
  title: 'Cart Service',
  blueprint: 'Component',
  team: 'orders',
  properties: { type: 'service', replicas: '3', slack: 'stale value' },
  relations: {
    system: 'Cart',
    components: ['CorePaymentLibrary', 'CoreKafkaLibrary'],
  },
  createdAt: '2024-01-15T08:00:00.000Z',
};
const kafka: PortEntity = {
  identifier: 'CoreKafkaLibrary',
  properties: { type: 'library', replicas: 'many' },
  relations: { system: 'Cart' },
};

describe('calculationInput', () => {
  it('builds the entity as Port gives it to a calculation', () => {
    expect(calculationInput(cart, serviceBlueprint())).toEqual({
      identifier: 'CartService',
      title: 'Cart Service',
      icon: null,
      team: ['orders'],
      blueprint: 'Component',
      properties: { type: 'service', language: null, replicas: '3' },
      relations: {
        system: 'Cart',
        resources: [],
        consumesApi: [],
        components: ['CorePaymentLibrary', 'CoreKafkaLibrary'],
        providesApi: null,
      },
      createdAt: '2024-01-15T08:00:00.000Z',
      updatedAt: null,
      createdBy: null,
      updatedBy: null,
    });
  });

  it('adds the mirror values passed in, and never calculation or aggregation values', () => {
    const input = calculationInput(
      {
        ...cart,
        properties: {
          ...cart.properties,
          domainTitle: 'from the file',
          apiCount: 3,
        },
      },
      serviceBlueprint(),
      { domainTitle: 'Orders', unknownMirror: 'ignored' },
    );
    expect(input.properties).toEqual({
      type: 'service',
      language: null,
      replicas: '3',
      domainTitle: 'Orders',
    });
  });
});

describe('mirrorPropertiesNamedBy', () => {
  it('finds the mirror properties a calculation names', () => {
    const blueprint = serviceBlueprint();
    expect(mirrorPropertiesNamedBy(blueprint, 'domainChannel')).toEqual([
      'domainTitle',
    ]);
    expect(mirrorPropertiesNamedBy(blueprint, 'slack')).toEqual([]);
    blueprint.calculationProperties!.quoted = {
      type: 'string',
      calculation: '.properties."domainTitle" // .properties[\'domainTitle\']',
    };
    expect(mirrorPropertiesNamedBy(blueprint, 'quoted')).toEqual([
      'domainTitle',
    ]);
    blueprint.calculationProperties!.longer = {
      type: 'string',
      calculation: '.properties.domainTitleOld',
    };
    expect(mirrorPropertiesNamedBy(blueprint, 'longer')).toEqual([]);
  });
});

describe('checkCalculatedValue', () => {
  const check = (
    property: Parameters<typeof checkCalculatedValue>[2],
    value: unknown,
  ) => checkCalculatedValue('Component', 'prop', property, { value });

  it('takes null as no value', () => {
    expect(check({ type: 'number', calculation: '.' }, null)).toEqual({
      value: null,
    });
  });

  it.each([
    ['string', 42, 'must be a string; got a number (42)'],
    ['number', '42', 'must be a number; got a string ("42")'],
    ['boolean', [1], 'must be a boolean; got an array'],
    ['object', 'x', 'must be an object; got a string ("x")'],
    ['array', { a: 1 }, 'must be an array; got an object'],
  ] as const)(
    'names the blueprint, the property and both types: %s',
    (type, value, words) => {
      expect(check({ type, calculation: '.' }, value)).toEqual({
        error: `calculation property "prop" of blueprint Component ${words}`,
      });
    },
  );

  it('checks formats', () => {
    expect(
      check({ type: 'string', format: 'url', calculation: '.' }, 'cart'),
    ).toEqual({
      error:
        'calculation property "prop" of blueprint Component must be a URL (like https://example.com); got "cart"',
    });
    expect(
      check(
        { type: 'string', format: 'date-time', calculation: '.' },
        '2024-05-01T12:00:00Z',
      ),
    ).toEqual({ value: '2024-05-01T12:00:00Z' });
    expect(
      check(
        { type: 'string', format: 'date-time', calculation: '.' },
        '2024-05-01',
      ),
    ).toMatchObject({ error: expect.stringContaining('must be a date-time') });
    expect(
      check(
        { type: 'string', format: 'markdown', calculation: '.' },
        '# Title',
      ),
    ).toEqual({ value: '# Title' });
    expect(
      check(
        {
          type: 'array',
          items: { type: 'string', format: 'email' },
          calculation: '.',
        },
        ['a@example.com', 'nope'],
      ),
    ).toMatchObject({
      error: expect.stringContaining('at /1 must be an email address'),
    });
  });

  it('shows an object as YAML for a yaml string', () => {
    const result = check(
      { type: 'string', format: 'yaml', calculation: '.' },
      { cpu: 200, memory: 400 },
    );
    expect(parseYaml((result as { value: string }).value)).toEqual({
      cpu: 200,
      memory: 400,
    });
  });

  it('colours a colorized value from its colors, or leaves the colour to the UI', () => {
    const property = {
      type: 'string' as const,
      calculation: '.',
      colorized: true,
      colors: { OK: 'green', CRITICAL: 'red' },
    };
    expect(check(property, 'OK')).toEqual({
      value: 'OK',
      colorized: true,
      color: 'green',
    });
    expect(check(property, 'WARNING')).toEqual({
      value: 'WARNING',
      colorized: true,
    });
    expect(check({ ...property, type: 'boolean' }, true)).toEqual({
      value: true,
      colorized: true,
    });
    expect(
      check(
        { type: 'string', calculation: '.', colors: { OK: 'green' } },
        'OK',
      ),
    ).toEqual({
      value: 'OK',
    });
  });

  it('says how the program failed', () => {
    const property = { type: 'string' as const, calculation: '.' };
    expect(
      checkCalculatedValue('Component', 'prop', property, {
        error: 'boom',
        kind: 'runtime',
      }),
    ).toEqual({
      error: 'calculation property "prop" of blueprint Component failed: boom',
    });
    expect(
      checkCalculatedValue('Component', 'prop', property, {
        error: 'no result within 1000 ms',
        kind: 'timeout',
      }),
    ).toEqual({
      error:
        'calculation property "prop" of blueprint Component timed out: no result within 1000 ms',
    });
  });
});

describe('computeCalculations', () => {
  it('runs each program once over all entities, with per-entity errors', async () => {
    const jq = jqCli();
    const [cartValues, kafkaValues] = await computeCalculations(
      serviceBlueprint(),
      [cart, kafka],
      jq,
    );
    expect(cartValues).toEqual({
      slack: { value: 'https://slack.com/app/cartservice' },
      dependencies: { value: 2 },
      replicaCount: { value: 3 },
      kind: { value: 'Service', colorized: true, color: 'blue' },
      domainChannel: {
        skipped:
          'calculation property "domainChannel" of blueprint Component needs the mirror property domainTitle, whose values were not given',
      },
      wrongType: {
        error:
          'calculation property "wrongType" of blueprint Component must be a boolean; got an array',
      },
    });
    expect(kafkaValues).toMatchObject({
      dependencies: { value: 0 },
      replicaCount: {
        error: expect.stringMatching(
          /^calculation property "replicaCount" of blueprint Component failed: .*'many'/,
        ),
      },
      kind: { value: 'Library', colorized: true, color: 'green' },
    });
    // One run per computed property, none for the skipped one.
    expect(jq.calls).toHaveLength(5);
  });

  it('computes mirror-dependent calculations when mirror values are given', async () => {
    const [cartValues, kafkaValues] = await computeCalculations(
      serviceBlueprint(),
      [cart, kafka],
      jqCli(),
      {
        mirrorValues: { CartService: { domainTitle: 'Orders' } },
        properties: ['domainChannel'],
      },
    );
    expect(cartValues).toEqual({ domainChannel: { value: '#orders' } });
    expect(kafkaValues).toEqual({
      domainChannel: {
        error: expect.stringContaining(
          'calculation property "domainChannel" of blueprint Component failed: explode input must be a string',
        ),
      },
    });
  });

  it('turns a failing evaluator into per-entity errors', async () => {
    const throwing: JqEvaluator = {
      evaluateMany: async () => {
        throw new Error('engine down');
      },
    };
    const short: JqEvaluator = { evaluateMany: async () => [{ value: 1 }] };
    const blueprint = serviceBlueprint();
    const options = { properties: ['dependencies'] };
    await expect(
      computeCalculations(blueprint, [cart, kafka], throwing, options),
    ).resolves.toEqual([
      {
        dependencies: {
          error:
            'calculation property "dependencies" of blueprint Component failed: engine down',
        },
      },
      {
        dependencies: {
          error:
            'calculation property "dependencies" of blueprint Component failed: engine down',
        },
      },
    ]);
    const [first] = await computeCalculations(
      blueprint,
      [cart, kafka],
      short,
      options,
    );
    expect(first.dependencies).toEqual({
      error:
        'calculation property "dependencies" of blueprint Component failed: the jq engine gave 1 results for 2 entities',
    });
  });

  it('reports a program that does not compile on every entity', async () => {
    const blueprint = serviceBlueprint();
    blueprint.calculationProperties = {
      broken: { type: 'string', calculation: '.identifier |' },
    };
    const results = await computeCalculations(
      blueprint,
      [cart, kafka],
      jqCli(),
    );
    expect(results.map(r => r.broken)).toEqual([
      {
        error: expect.stringMatching(
          /^calculation property "broken" of blueprint Component does not compile: syntax error/,
        ),
      },
      { error: expect.stringMatching(/does not compile/) },
    ]);
  });

  it('has nothing to do without entities or calculations', async () => {
    const jq = jqCli();
    await expect(
      computeCalculations(serviceBlueprint(), [], jq),
    ).resolves.toEqual([]);
    await expect(
      computeCalculations(
        seedBlueprint('Domain'),
        [{ identifier: 'Orders' }],
        jq,
      ),
    ).resolves.toEqual([{}]);
    expect(jq.calls).toEqual([]);
  });
});
