import { createMockDirectory } from '@backstage/backend-test-utils';
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
});
