import { createMockDirectory } from '@backstage/backend-test-utils';
import { readScorecardFiles } from './readScorecardFiles';

describe('readScorecardFiles', () => {
  const dir = createMockDirectory();

  it('reads files and folders, JSON and YAML, naming sources relative to the base', async () => {
    dir.setContent({
      'scorecards/readiness.json': JSON.stringify({ identifier: 'a' }),
      'scorecards/more/dora.yaml': 'identifier: b\n---\nidentifier: c\n',
      'scorecards/notes.txt': 'not a scorecard',
      'single.yml': '- identifier: d\n',
    });
    const read = await readScorecardFiles(['scorecards', 'single.yml'], {
      relativeTo: dir.path,
    });
    expect(read.problems).toEqual([]);
    expect(read.documents).toEqual([
      {
        source: 'scorecards/more/dora.yaml',
        value: [{ identifier: 'b' }, { identifier: 'c' }],
      },
      { source: 'scorecards/readiness.json', value: { identifier: 'a' } },
      { source: 'single.yml', value: [{ identifier: 'd' }] },
    ]);
  });

  it('names a missing path and a file that does not parse, and reads the rest', async () => {
    dir.setContent({
      'broken.json': '{"identifier": "a",}',
      'good.json': '{"identifier": "b"}',
    });
    const read = await readScorecardFiles(
      ['missing', 'broken.json', 'good.json'],
      { relativeTo: dir.path },
    );
    expect(read.documents).toEqual([
      { source: 'good.json', value: { identifier: 'b' } },
    ]);
    expect(read.problems).toEqual([
      { source: 'missing', pointer: '', message: 'no such file or folder' },
      {
        source: 'broken.json',
        pointer: '1:20',
        message:
          'trailing comma before }; JSON allows no comma after the last property',
      },
    ]);
  });
});
