import { createMockDirectory } from '@backstage/backend-test-utils';
import { createJqEngine, JqEngine } from '@plinth/plugin-blueprints-node';
import { entityCommand } from './entity';

const component = {
  identifier: 'Component',
  schema: {
    properties: {
      type: { type: 'string', enum: ['service', 'library'] },
      replicas: { type: 'string' },
    },
  },
  relations: {
    system: { target: 'System', many: false },
    components: { target: 'Component', many: true },
  },
  mirrorProperties: { domain: { path: 'system.domain.$title' } },
  calculationProperties: {
    slack: {
      type: 'string',
      format: 'url',
      calculation: "'https://slack.com/app/' + (.identifier | ascii_downcase)",
    },
    dependencies: {
      type: 'number',
      calculation: '.relations.components | length',
    },
    kind: {
      type: 'string',
      calculation:
        'if .properties.type == "service" then "Service" else "Library" end',
      colorized: true,
      colors: { Service: 'blue' },
    },
    domainChannel: {
      type: 'string',
      calculation: '"#" + (.properties.domain | ascii_downcase)',
    },
    replicaCount: {
      type: 'number',
      calculation: '.properties.replicas | tonumber',
    },
  },
};

const files = {
  'blueprints/Domain.json': JSON.stringify({
    identifier: 'Domain',
    schema: { properties: {} },
  }),
  'blueprints/System.json': JSON.stringify({
    identifier: 'System',
    schema: { properties: {} },
    relations: { domain: { target: 'Domain' } },
  }),
  'blueprints/Component.json': JSON.stringify(component),
  'entities/Component/CartService.json': JSON.stringify({
    identifier: 'CartService',
    title: 'Cart Service',
    properties: { type: 'service', replicas: '3' },
    relations: {
      system: 'Cart',
      components: ['CorePaymentLibrary', 'CoreKafkaLibrary'],
    },
  }),
};

describe('plinth entity', () => {
  const dir = createMockDirectory();
  let jq: JqEngine;
  beforeAll(() => {
    jq = createJqEngine();
  });
  afterAll(() => jq.close());
  beforeEach(() => dir.clear());

  it('prints the entity with its calculation properties, and skips those that need mirrors', async () => {
    dir.setContent(files);
    const result = await entityCommand('entities/Component/CartService.json', {
      blueprints: ['blueprints'],
      cwd: dir.path,
      jq,
    });
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      identifier: 'CartService',
      title: 'Cart Service',
      blueprint: 'Component',
      properties: {
        type: 'service',
        replicas: '3',
        slack: 'https://slack.com/app/cartservice',
        dependencies: 2,
        kind: 'Service',
        replicaCount: 3,
      },
      relations: {
        system: 'Cart',
        components: ['CorePaymentLibrary', 'CoreKafkaLibrary'],
      },
    });
    expect(result.stderr).toBe(
      'entities/Component/CartService.json: Component:CartService: skipped: calculation property "domainChannel" of blueprint Component needs the mirror property domain, whose values were not given\n',
    );
  });

  it('names the entity and the property whose calculation fails, and exits 1', async () => {
    dir.setContent({
      ...files,
      'entities/Component/Kafka.json': JSON.stringify({
        identifier: 'CoreKafkaLibrary',
        properties: { type: 'library', replicas: 'many', replicaCount: 7 },
      }),
    });
    const result = await entityCommand('entities/Component/Kafka.json', {
      blueprints: ['blueprints'],
      cwd: dir.path,
      jq,
    });
    expect(result.exitCode).toBe(1);
    const printed = JSON.parse(result.stdout);
    expect(printed.properties).toEqual({
      type: 'library',
      replicas: 'many',
      slack: 'https://slack.com/app/corekafkalibrary',
      dependencies: 0,
      kind: 'Library',
    });
    expect(result.stderr).toMatch(
      /^entities\/Component\/Kafka\.json: Component:CoreKafkaLibrary \/properties\/replicaCount: calculation property "replicaCount" of blueprint Component failed: .*'many'/,
    );
  });

  it('prints the problems of an invalid entity and nothing else', async () => {
    dir.setContent({
      ...files,
      'entities/Component/Bad.json': JSON.stringify({
        identifier: 'Bad',
        properties: { type: 'servce' },
      }),
    });
    const result = await entityCommand('entities/Component/Bad.json', {
      blueprints: ['blueprints'],
      cwd: dir.path,
      jq,
    });
    expect(result).toEqual({
      exitCode: 1,
      stdout: '',
      stderr:
        'entities/Component/Bad.json: Component:Bad /properties/type: property "type" must be one of service, library; got "servce"\n',
    });
  });

  it('says so when the file holds no entity', async () => {
    dir.setContent({ ...files, 'empty.json': '[]' });
    const result = await entityCommand('empty.json', {
      blueprints: ['blueprints'],
      cwd: dir.path,
      jq,
    });
    expect(result).toMatchObject({
      exitCode: 1,
      stderr: 'empty.json: holds no entity\n',
    });
  });

  it('computes an entity whose blueprint is valid when another blueprint of the same file is not, and reports that one on stderr', async () => {
    dir.setContent({
      'blueprints.json': JSON.stringify([
        {
          identifier: 'Component',
          schema: { properties: { type: { type: 'string' } } },
          calculationProperties: {
            upper: {
              type: 'string',
              calculation: '.identifier | ascii_upcase',
            },
          },
        },
        {
          identifier: 'Incident',
          schema: { properties: { severity: { type: 'integer' } } },
        },
      ]),
      'cart.json': JSON.stringify({
        identifier: 'cart',
        blueprint: 'Component',
        properties: { type: 'service' },
      }),
    });
    const result = await entityCommand('cart.json', {
      blueprints: ['blueprints.json'],
      cwd: dir.path,
      jq,
    });
    expect(JSON.parse(result.stdout)).toEqual({
      identifier: 'cart',
      blueprint: 'Component',
      properties: { type: 'service', upper: 'CART' },
    });
    expect(result.stderr).toBe(
      'blueprints.json: /1/schema/properties/severity/type: type must be one of string, number, boolean, object, array; got "integer"\n',
    );
    // The input is not all valid.
    expect(result.exitCode).toBe(1);
  });

  it('computes an entity of a blueprint with warnings (Port\'s "type": "enum"), and exits 0', async () => {
    dir.setContent({
      'argocd.json': JSON.stringify({
        identifier: 'argocdApplication',
        schema: {
          properties: {
            healthStatus: { type: 'enum', enum: ['Healthy', 'Degraded'] },
          },
        },
        calculationProperties: {
          healthy: {
            type: 'boolean',
            calculation: '.properties.healthStatus == "Healthy"',
          },
        },
      }),
      'cart.json': JSON.stringify({
        identifier: 'cart',
        blueprint: 'argocdApplication',
        properties: { healthStatus: 'Healthy' },
      }),
    });
    const result = await entityCommand('cart.json', {
      blueprints: ['argocd.json'],
      cwd: dir.path,
      jq,
    });
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout).properties).toEqual({
      healthStatus: 'Healthy',
      healthy: true,
    });
    expect(result.stderr).toMatch(
      /^argocd\.json: \/schema\/properties\/healthStatus\/type: warning: "type": "enum"/,
    );
  });
});
