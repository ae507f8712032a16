import { createMockDirectory } from '@backstage/backend-test-utils';
import { readPortFiles } from './readPortFiles';

const component = {
  identifier: 'Component',
  title: 'Component',
  schema: { properties: { type: { type: 'string' } }, required: [] },
  relations: {},
};

describe('readPortFiles', () => {
  const dir = createMockDirectory();

  beforeEach(() => dir.clear());

  it('reads blueprints and entities from files and folders, naming their sources', async () => {
    dir.setContent({
      'blueprints/Component.json': JSON.stringify(component),
      'entities/Component/CartService.json': JSON.stringify({
        identifier: 'CartService',
        properties: { type: 'service' },
      }),
      'entities/Component/libraries.yaml':
        'identifier: CoreKafkaLibrary\n---\nidentifier: CorePaymentLibrary\nblueprint: Component\n',
      'entities/notes.txt': 'not read',
    });

    const contents = await readPortFiles(['blueprints', 'entities'], {
      relativeTo: dir.path,
    });

    expect(contents.problems).toEqual([]);
    expect(contents.blueprints).toEqual([
      { value: component, source: 'blueprints/Component.json', pointer: '' },
    ]);
    expect(contents.entities).toEqual([
      {
        value: { identifier: 'CartService', properties: { type: 'service' } },
        source: 'entities/Component/CartService.json',
        pointer: '',
        blueprintHint: 'Component',
      },
      {
        value: { identifier: 'CoreKafkaLibrary' },
        source: 'entities/Component/libraries.yaml',
        pointer: '/0',
        blueprintHint: 'Component',
      },
      {
        value: { identifier: 'CorePaymentLibrary', blueprint: 'Component' },
        source: 'entities/Component/libraries.yaml',
        pointer: '/1',
        blueprintHint: 'Component',
      },
    ]);
  });

  it('reads arrays and Port’s { blueprint, data } groups', async () => {
    dir.setContent({
      'all.json': JSON.stringify([
        component,
        { blueprint: 'Component', data: [{ identifier: 'A' }] },
        { identifier: 'B', blueprint: 'Component' },
      ]),
    });
    const contents = await readPortFiles(['all.json'], {
      relativeTo: dir.path,
    });
    expect(contents.blueprints.map(b => b.pointer)).toEqual(['/0']);
    expect(contents.entities.map(e => [e.pointer, e.blueprintHint])).toEqual([
      ['/1/data/0', 'Component'],
      ['/2', dir.path.split('/').pop()],
    ]);
  });

  it('reports what it cannot read and keeps reading the rest', async () => {
    dir.setContent({
      'bad.json': '{ "identifier": “Cart” }',
      'odd.json': JSON.stringify({ title: 'no identifier' }),
      'good.json': JSON.stringify({ identifier: 'Good' }),
    });
    const contents = await readPortFiles(['.', 'missing.json'], {
      relativeTo: dir.path,
    });
    expect(contents.entities.map(e => e.source)).toEqual(['good.json']);
    expect(contents.problems).toEqual([
      expect.objectContaining({ source: 'bad.json', pointer: '1:17' }),
      expect.objectContaining({
        source: 'odd.json',
        pointer: '',
        message: expect.stringContaining('expected a blueprint'),
      }),
      {
        source: 'missing.json',
        pointer: '',
        message: 'no such file or folder',
      },
    ]);
  });
});
