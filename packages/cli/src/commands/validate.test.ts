import { createMockDirectory } from '@backstage/backend-test-utils';
import { resolve } from 'node:path';
import { validateCommand } from './validate';

const blueprints = {
  'blueprints/System.json': JSON.stringify({
    identifier: 'System',
    schema: { properties: {} },
    relations: {},
  }),
  'blueprints/Component.json': JSON.stringify({
    identifier: 'Component',
    schema: {
      properties: { type: { type: 'string', enum: ['service', 'library'] } },
      required: ['type'],
    },
    relations: { system: { target: 'System', required: true, many: false } },
  }),
};

describe('plinth validate', () => {
  const dir = createMockDirectory();
  beforeEach(() => dir.clear());

  it('says everything is valid and exits 0', async () => {
    dir.setContent({
      ...blueprints,
      'entities/System/Cart.json': JSON.stringify({ identifier: 'Cart' }),
      'entities/Component/CartService.json': JSON.stringify({
        identifier: 'CartService',
        properties: { type: 'service' },
        relations: { system: 'Cart' },
      }),
    });
    const result = await validateCommand(['blueprints', 'entities'], {
      format: 'text',
      cwd: dir.path,
    });
    expect(result).toEqual({
      exitCode: 0,
      stdout: '2 blueprint(s) and 2 entities are valid\n',
    });
  });

  it('prints one line per problem, naming file, place and reason, and exits 1', async () => {
    dir.setContent({
      ...blueprints,
      'entities/Component/CartService.json': JSON.stringify({
        identifier: 'CartService',
        properties: { type: 'servce' },
        relations: { system: 'Nowhere' },
      }),
      'entities/Component/Broken.json': '{ "identifier": "Broken", }',
    });
    const result = await validateCommand(['blueprints', 'entities'], {
      format: 'text',
      cwd: dir.path,
    });
    expect(result.exitCode).toBe(1);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toEqual([
      expect.stringMatching(
        /^entities\/Component\/Broken\.json: 1:27: trailing comma/,
      ),
      expect.stringMatching(
        /^entities\/Component\/CartService\.json: Component:CartService \/properties\/type: .*service, library.*servce/,
      ),
      expect.stringMatching(
        /^entities\/Component\/CartService\.json: Component:CartService \/relations\/system: .*Nowhere/,
      ),
    ]);
  });

  it('prints the problems as JSON with --format json', async () => {
    dir.setContent({
      'Bad.json': JSON.stringify({
        identifier: 'Bad',
        schema: { properties: { size: { type: 'integer' } } },
      }),
    });
    const result = await validateCommand(['Bad.json'], {
      format: 'json',
      cwd: dir.path,
    });
    expect(result.exitCode).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual([
      expect.objectContaining({
        source: 'Bad.json',
        pointer: '/schema/properties/size/type',
      }),
    ]);
  });

  describe("warnings: blueprints of Port's integrations", () => {
    // The shapes of Port's ArgoCD and AWS integration blueprints.
    const integrations = {
      'port/argocd.json': JSON.stringify({
        identifier: 'argocdApplication',
        title: 'ArgoCD Application',
        schema: {
          properties: {
            healthStatus: {
              title: 'Health Status',
              type: 'enum',
              enum: ['Healthy', 'Degraded'],
            },
          },
        },
      }),
      'port/aws.json': JSON.stringify({
        identifier: 'awsS3Bucket',
        title: 'S3 Bucket',
        schema: {
          properties: {
            creationDate: {
              type: 'string',
              format: 'date-time',
              dateFormat: 'YYYY-MM-DD',
            },
          },
        },
      }),
      'port/entities/argocdApplication/cart.json': JSON.stringify({
        identifier: 'cart',
        properties: { healthStatus: 'Healthy' },
      }),
    };

    it('prints them on stderr with file and pointer, and exits 0', async () => {
      dir.setContent(integrations);
      const result = await validateCommand(['port'], {
        format: 'text',
        cwd: dir.path,
      });
      expect(result.exitCode).toBe(0);
      expect(result.stdout).toBe(
        '2 blueprint(s) and 1 entity are valid, with 2 warnings\n',
      );
      expect(result.stderr?.trim().split('\n')).toEqual([
        'port/argocd.json: /schema/properties/healthStatus/type: warning: "type": "enum" is not one of Port\'s property types; it is kept as written and read as "type": "string" with these enum values',
        expect.stringMatching(
          /^port\/aws\.json: \/schema\/properties\/creationDate\/dateFormat: warning: unknown keyword "dateFormat" is kept as written, but Plinth does not check or use it; /,
        ),
      ]);
    });

    it('makes them errors with --strict, and exits 1', async () => {
      dir.setContent(integrations);
      const result = await validateCommand(['port'], {
        format: 'text',
        strict: true,
        cwd: dir.path,
      });
      expect(result.exitCode).toBe(1);
      expect(result.stderr).toBeUndefined();
      expect(result.stdout.trim().split('\n')).toEqual([
        expect.stringMatching(
          /^port\/argocd\.json: \/schema\/properties\/healthStatus\/type: "type": "enum" is not one of/,
        ),
        expect.stringMatching(
          /^port\/aws\.json: \/schema\/properties\/creationDate\/dateFormat: unknown keyword "dateFormat"/,
        ),
      ]);
    });

    it('keeps errors on stdout and warnings on stderr, and exits 1 for the errors', async () => {
      dir.setContent({
        ...integrations,
        'port/entities/argocdApplication/kafka.json': JSON.stringify({
          identifier: 'kafka',
          properties: { healthStatus: 'Sick' },
        }),
      });
      const result = await validateCommand(['port'], {
        format: 'text',
        cwd: dir.path,
      });
      expect(result.exitCode).toBe(1);
      expect(result.stdout).toBe(
        'port/entities/argocdApplication/kafka.json: argocdApplication:kafka /properties/healthStatus: property "healthStatus" must be one of Healthy, Degraded; got "Sick"\n',
      );
      expect(result.stderr?.trim().split('\n')).toHaveLength(2);
    });

    it('gives them their severity in --format json', async () => {
      dir.setContent(integrations);
      const result = await validateCommand(['port'], {
        format: 'json',
        cwd: dir.path,
      });
      expect(result.exitCode).toBe(0);
      expect(
        JSON.parse(result.stdout).map((p: any) => [p.source, p.severity]),
      ).toEqual([
        ['port/argocd.json', 'warning'],
        ['port/aws.json', 'warning'],
      ]);
    });
  });

  it("validates the example app's seed (examples/plinth): blueprints, entities and scorecards", async () => {
    const result = await validateCommand(['examples/plinth'], {
      format: 'text',
      cwd: resolve(__dirname, '../../../..'),
    });
    expect(result).toEqual({
      exitCode: 0,
      stdout: expect.stringMatching(
        /^\d+ blueprint\(s\), \d+ entities and 2 scorecard\(s\) are valid\n$/,
      ),
    });
  });

  it("checks scorecards, in Port's grouped form and as catalog entities, against the blueprints", async () => {
    dir.setContent({
      ...blueprints,
      'scorecards/port.json': JSON.stringify([
        {
          blueprint: 'Component',
          data: [
            {
              identifier: 'readiness',
              rules: [
                {
                  identifier: 'typed',
                  level: 'Gold',
                  query: {
                    combinator: 'and',
                    conditions: [{ property: 'tpye', operator: 'isNotEmpty' }],
                  },
                },
              ],
            },
          ],
        },
      ]),
      'scorecards/catalog.yaml': [
        'apiVersion: plinth.dev/v1alpha1',
        'kind: Scorecard',
        'metadata:',
        '  name: ../up',
        'spec:',
        '  blueprint: Component',
        '  rules: []',
      ].join('\n'),
    });
    const result = await validateCommand(['blueprints', 'scorecards'], {
      format: 'text',
      cwd: dir.path,
    });
    expect(result.exitCode).toBe(1);
    expect(result.stdout.trim().split('\n')).toEqual([
      'scorecards/catalog.yaml: Scorecard:../up /spec/identifier: identifier "../up" has a "." or ".." path segment; identifiers appear in URL paths and file names, where those lead elsewhere',
      expect.stringMatching(
        /^scorecards\/port\.json: Scorecard:readiness \/0\/data\/0\/rules\/0\/query\/conditions\/0\/property: blueprint "Component" has no property "tpye"/,
      ),
    ]);
  });
});
