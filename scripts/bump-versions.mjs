#!/usr/bin/env node
/*
 * Brings every @backstage/* dependency of every workspace to the registry's
 * latest release, keeping each range's prefix (^, ~ or none), and turns the
 * `workspace:` ranges that `backstage-cli new` writes (npm rejects them) into
 * the local package's version.
 *
 * Why not `backstage-cli versions:bump`: it needs yarn and a release manifest
 * fetched from a host these machines cannot reach. Mixed @backstage versions
 * break at run time (two copies of @backstage/ui, a signals-backend that needs a
 * newer backend-defaults), so every package moves together.
 *
 * Usage: node scripts/bump-versions.mjs [--dry-run]
 * Then: npm install (to refresh package-lock.json).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, readdirSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const dryRun = process.argv.includes('--dry-run');
const sections = ['dependencies', 'devDependencies', 'peerDependencies'];

function workspaceManifests() {
  const rootManifest = JSON.parse(
    readFileSync(join(root, 'package.json'), 'utf8'),
  );
  const files = [join(root, 'package.json')];
  for (const pattern of rootManifest.workspaces ?? []) {
    // The workspaces here are all of the form `<folder>/*`.
    const folder = join(root, pattern.replace(/\/\*$/, ''));
    if (!existsSync(folder)) continue;
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const file = join(folder, entry.name, 'package.json');
      if (entry.isDirectory() && existsSync(file)) files.push(file);
    }
  }
  return files;
}

const localVersions = new Map(
  workspaceManifests().map(file => {
    const { name, version } = JSON.parse(readFileSync(file, 'utf8'));
    return [name, version];
  }),
);

const latestCache = new Map();
function latest(name) {
  if (!latestCache.has(name)) {
    const out = execFileSync('npm', ['view', name, 'dist-tags.latest'], {
      encoding: 'utf8',
    }).trim();
    latestCache.set(name, out);
  }
  return latestCache.get(name);
}

let changes = 0;
for (const file of workspaceManifests()) {
  const text = readFileSync(file, 'utf8');
  const manifest = JSON.parse(text);
  let changed = false;
  for (const section of sections) {
    for (const [name, range] of Object.entries(manifest[section] ?? {})) {
      let next;
      if (range.startsWith('workspace:') && localVersions.has(name)) {
        next = `^${localVersions.get(name)}`;
      } else if (name.startsWith('@backstage/') && range !== '*') {
        const prefix = /^[\^~]/.test(range) ? range[0] : '';
        next = `${prefix}${latest(name)}`;
      } else {
        continue;
      }
      if (next !== range) {
        console.log(
          `${relative(root, file)}: ${section}.${name} ${range} -> ${next}`,
        );
        manifest[section][name] = next;
        changed = true;
        changes++;
      }
    }
  }
  if (changed && !dryRun) {
    writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
  }
}
console.log(
  `${changes} range(s) ${dryRun ? 'would change' : 'changed'}${
    changes && !dryRun ? '; run `npm install` next' : ''
  }.`,
);
