import { createMockDirectory } from '@backstage/backend-test-utils';
import { resolve } from 'node:path';
import { scorecardCommand } from './scorecard';

jest.setTimeout(60_000);

const examples = resolve(__dirname, '../../../../examples/plinth');
const now = Date.parse('2026-11-27T12:00:00Z');

describe('plinth scorecard', () => {
  it('levels the example components, with every rule explained', async () => {
    const result = await scorecardCommand([`${examples}/scorecards/port`], {
      blueprints: [`${examples}/blueprints`],
      entities: [`${examples}/entities`],
      now,
    });
    expect(result.stderr).toBeUndefined();
    expect(result.exitCode).toBe(0);
    const [readiness] = JSON.parse(result.stdout).scorecards;
    expect(readiness.identifier).toBe('ProductionReadiness');
    expect(
      Object.fromEntries(
        readiness.entities.map((e: any) => [e.identifier, e.level]),
      ),
    ).toEqual({
      CartService: 'Gold',
      ProductsService: 'Silver',
      CoreKafkaLibrary: 'Bronze',
      CorePaymentLibrary: 'Bronze',
    });
    expect(readiness.levels).toEqual({
      Basic: 0,
      Bronze: 2,
      Silver: 1,
      Gold: 1,
    });
    const products = readiness.entities.find(
      (e: any) => e.identifier === 'ProductsService',
    );
    expect(products.rules.at(-1)).toEqual({
      rule: 'noOpenIncidents',
      level: 'Gold',
      status: 'failed',
      actual: 1,
      reason: 'Open incidents is 1, needs to be 0',
    });
  });

  it('reports an invalid scorecard with its file and pointer, and evaluates the others', async () => {
    const dir = createMockDirectory();
    dir.setContent({
      'blueprints/service.json': JSON.stringify({
        identifier: 'Service',
        schema: { properties: { tier: { type: 'number' } } },
      }),
      'entities/Service/a.json': JSON.stringify({
        identifier: 'a',
        properties: { tier: 1 },
      }),
      'scorecards/good.json': JSON.stringify({
        identifier: 'good',
        blueprint: 'Service',
        rules: [
          {
            identifier: 'tiered',
            level: 'Bronze',
            threshold: { property: 'tier', operator: '<=', value: 2 },
          },
        ],
      }),
      'scorecards/bad.yaml':
        'identifier: bad\nblueprint: Service\nrules:\n  - identifier: r\n    level: Bronze\n    query: {combinator: and, conditions: [{property: tier, operator: ">", value: high}]}\n',
    });
    const result = await scorecardCommand(['scorecards'], {
      blueprints: ['blueprints'],
      entities: ['entities'],
      cwd: dir.path,
      now,
    });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toBe(
      'scorecards/bad.yaml: Scorecard:bad /rules/0/query/conditions/0/value: ">" compares numbers or dates; got "high"\n',
    );
    expect(JSON.parse(result.stdout).scorecards).toEqual([
      expect.objectContaining({
        identifier: 'good',
        // Levels without rules are reached once the levels below are.
        levels: { Basic: 0, Bronze: 0, Silver: 0, Gold: 1 },
      }),
    ]);
  });
});
