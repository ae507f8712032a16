#!/usr/bin/env node
/*
 * `npm run new`: `backstage-cli new` made to work under npm.
 *
 * The CLI runs `yarn install` after creating a package and writes `workspace:^`
 * ranges that npm rejects, so: create with --skip-install, make the ranges
 * npm-valid (scripts/bump-versions.mjs), then `npm install`.
 * Arguments are passed to `backstage-cli new`, e.g.
 *   npm run new -- --select backend-plugin --option pluginId=example
 */
import { spawnSync } from 'node:child_process';

function run(command, args) {
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

run('npx', [
  'backstage-cli',
  'new',
  '--skip-install',
  ...process.argv.slice(2),
]);
run('node', [new URL('bump-versions.mjs', import.meta.url).pathname]);
run('npm', ['install']);
