import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

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
    expect(plinth('entity', 'cart.json').status).toBe(2);
  });

  it('prints an entity with its calculations through the jq engine', () => {
    const dir = mkdtempSync(join(tmpdir(), 'plinth-entity-'));
    try {
      writeFileSync(
        join(dir, 'Component.json'),
        JSON.stringify({
          identifier: 'Component',
          schema: { properties: {} },
          calculationProperties: {
            upper: {
              type: 'string',
              calculation: '.identifier | ascii_upcase',
            },
            broken: { type: 'number', calculation: '.identifier' },
          },
        }),
      );
      writeFileSync(
        join(dir, 'cart.json'),
        JSON.stringify({ identifier: 'cart', blueprint: 'Component' }),
      );
      const result = plinth(
        'entity',
        join(dir, 'cart.json'),
        '--blueprints',
        join(dir, 'Component.json'),
      );
      expect(result.status).toBe(1);
      expect(JSON.parse(result.stdout).properties).toEqual({ upper: 'CART' });
      expect(result.stderr).toContain(
        'calculation property "broken" of blueprint Component must be a number; got a string ("cart")',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('prints warnings on stderr and exits 0, or exits 1 with --strict', () => {
    const dir = mkdtempSync(join(tmpdir(), 'plinth-validate-'));
    try {
      // The shape of Port's ArgoCD integration blueprint.
      writeFileSync(
        join(dir, 'argocd.json'),
        JSON.stringify({
          identifier: 'argocdApplication',
          schema: {
            properties: {
              healthStatus: { type: 'enum', enum: ['Healthy', 'Degraded'] },
            },
          },
        }),
      );
      const relaxed = plinth('validate', join(dir, 'argocd.json'));
      expect(relaxed.status).toBe(0);
      expect(relaxed.stdout).toBe(
        '1 blueprint(s) and 0 entities are valid, with 1 warning\n',
      );
      expect(relaxed.stderr).toContain(
        'argocd.json: /schema/properties/healthStatus/type: warning: "type": "enum"',
      );
      const strict = plinth('validate', '--strict', join(dir, 'argocd.json'));
      expect(strict.status).toBe(1);
      expect(strict.stdout).toContain(
        'argocd.json: /schema/properties/healthStatus/type: "type": "enum"',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exits 1 when a named file does not exist', () => {
    const result = plinth('validate', 'no-such-file.json');
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('no-such-file.json: no such file or folder\n');
  });
});
