import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

// The real command, as `npx plinth` runs it, for what only a process shows.
function plinth(...args: string[]) {
  return spawnSync(resolve(__dirname, '../bin/plinth'), args, {
    encoding: 'utf8',
  });
}

describe('the plinth command', () => {
  it('prints help and exits 0', () => {
    const result = plinth('--help');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('validate [options] <paths...>');
  });

  it('exits 2 on a usage error', () => {
    expect(plinth('validate').status).toBe(2);
    expect(plinth('validate', '--format', 'xml', 'x').status).toBe(2);
    expect(plinth('frobnicate').status).toBe(2);
  });

  it('exits 1 when a named file does not exist', () => {
    const result = plinth('validate', 'no-such-file.json');
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('no-such-file.json: no such file or folder\n');
  });
});
