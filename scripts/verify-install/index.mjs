#!/usr/bin/env node
/*
 * npm run verify:install — proves the published packages install into a
 * pristine Backstage app by following their READMEs.
 *
 * 1. tsc (dist-types), `backstage-cli repo build`, `npm pack` of every
 *    publishable package into <work>/packs.
 * 2. Renders the pinned @backstage/create-app's templates: the new frontend
 *    system app (default-app) and the legacy app (legacy-app).
 * 3. Points npm at the tarballs (root `overrides`: each @plinth package is
 *    its tarball, so they install together, as they would from the registry),
 *    installs the app with npm, then applies each README's marked install
 *    steps exactly as written (see readmeSteps.mjs).
 * 4. Type-checks and builds the app, starts its backend on SQLite serving the
 *    built frontend, and drives Chromium over each README's `visit` checks.
 *
 * Options: --apps new,legacy   --families blueprints,scorecards,dora,orchestrator
 *          --work <dir> (default: a new /tmp/verify-install-XXXXXX)
 *          --port <n> (the backend's port, default 7107; the
 *                   second app takes the next one)
 *          --check-only (with --work: only the backend and browser checks on
 *                        the apps an earlier run left)
 *          --skip-pack (reuse <work>/packs)   --keep (leave the work folder)
 *          --reuse (with --work: reset the apps installed by an earlier run
 *                   with git instead of rendering and installing them again)
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readSteps, applyStep } from './readmeSteps.mjs';
import { checkPages } from './browser.mjs';

/** The create-app release whose templates the apps are rendered from. */
export const CREATE_APP_VERSION = '0.9.2';

const repoRoot = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../..',
);

/** Each family's READMEs, in the order a user installs them. */
const FAMILIES = {
  blueprints: [
    'plugins/blueprints-backend',
    'plugins/catalog-backend-module-blueprints',
    'plugins/blueprints',
  ],
  scorecards: [
    'plugins/scorecards-backend',
    'plugins/catalog-backend-module-scorecards',
    'plugins/scorecards',
  ],
  dora: ['plugins/dora-backend', 'plugins/dora'],
  orchestrator: ['plugins/orchestrator-backend', 'plugins/orchestrator'],
};

function parseArgs(argv) {
  const opts = {
    apps: ['new', 'legacy'],
    families: Object.keys(FAMILIES),
    work: undefined,
    skipPack: false,
    keep: false,
    reuse: false,
    port: 7107,
    checkOnly: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--apps') opts.apps = argv[++i].split(',');
    else if (a === '--families') opts.families = argv[++i].split(',');
    else if (a === '--work') opts.work = path.resolve(argv[++i]);
    else if (a === '--skip-pack') opts.skipPack = true;
    else if (a === '--keep') opts.keep = true;
    else if (a === '--reuse') opts.reuse = true;
    else if (a === '--port') opts.port = Number(argv[++i]);
    else if (a === '--check-only') opts.checkOnly = true;
    else throw new Error(`unknown option ${a}`);
  }
  return opts;
}

const timings = [];
async function timed(label, fn) {
  const start = Date.now();
  console.log(`\n=== ${label} ===`);
  try {
    return await fn();
  } finally {
    const s = Math.round((Date.now() - start) / 1000);
    timings.push([label, s]);
    console.log(`--- ${label}: ${s} s`);
  }
}

/** Runs a shell command, streaming its output; rejects on a non-zero exit. */
export function sh(command, { cwd, env, quiet } = {}) {
  return new Promise((resolve, reject) => {
    if (!quiet) console.log(`$ ${command}${cwd ? `   (in ${cwd})` : ''}`);
    const child = spawn('bash', ['-c', command], {
      cwd,
      env: { ...process.env, ...env },
      stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    });
    let out = '';
    if (quiet) {
      child.stdout.on('data', d => (out += d));
      child.stderr.on('data', d => (out += d));
    }
    child.on('exit', code =>
      code === 0
        ? resolve(out)
        : reject(
            new Error(`${command} exited with ${code}\n${out.slice(-4000)}`),
          ),
    );
  });
}

function publishablePackages() {
  const dirs = ['plugins', 'packages'].flatMap(d =>
    fs
      .readdirSync(path.join(repoRoot, d))
      .map(n => path.join(d, n))
      .filter(p => fs.existsSync(path.join(repoRoot, p, 'package.json'))),
  );
  return dirs
    .map(dir => ({
      dir,
      pkg: JSON.parse(
        fs.readFileSync(path.join(repoRoot, dir, 'package.json'), 'utf8'),
      ),
    }))
    .filter(({ pkg }) => !pkg.private);
}

async function buildAndPack(packsDir) {
  await timed('tsc (dist-types for the type declarations)', () =>
    // A type error still emits dist-types; `npm test` is the gate for type
    // errors, this step only needs the declarations the build bundles.
    sh('npx tsc', { cwd: repoRoot }).catch(e =>
      console.log(
        `tsc reported errors (npm test fails on them): ${
          e.message.split('\n')[0]
        }`,
      ),
    ),
  );
  await timed('backstage-cli repo build', () =>
    sh('npx backstage-cli repo build', { cwd: repoRoot }),
  );
  const pkgs = publishablePackages();
  fs.mkdirSync(packsDir, { recursive: true });
  // Each pack runs the package's prepack and postpack (backstage-cli), which
  // mostly waits on process start-up: two at a time.
  const halves = [
    pkgs.filter((_, i) => i % 2 === 0),
    pkgs.filter((_, i) => i % 2 === 1),
  ];
  await timed(`npm pack (${pkgs.length} packages)`, () =>
    Promise.all(
      halves.map(half =>
        sh(
          `npm pack --pack-destination ${packsDir} ${half
            .map(p => `-w ${p.pkg.name}`)
            .join(' ')} --loglevel warn`,
          { cwd: repoRoot, quiet: true },
        ),
      ),
    ),
  );
  const tarballs = {};
  for (const { pkg } of pkgs) {
    const file = path.join(
      packsDir,
      `${pkg.name.replace('@', '').replace('/', '-')}-${pkg.version}.tgz`,
    );
    if (!fs.existsSync(file)) throw new Error(`npm pack made no ${file}`);
    tarballs[pkg.name] = file;
  }
  return tarballs;
}

/** Installs the pinned @backstage/create-app into <work>/create-app. */
async function ensureCreateApp(work) {
  const caDir = path.join(work, 'create-app');
  if (!fs.existsSync(path.join(caDir, 'node_modules/@backstage/create-app'))) {
    fs.mkdirSync(caDir, { recursive: true });
    fs.writeFileSync(path.join(caDir, 'package.json'), '{"private":true}');
    await sh(
      `npm install --no-audit --no-fund --loglevel warn @backstage/create-app@${CREATE_APP_VERSION}`,
      { cwd: caDir },
    );
  }
  return path.join(caDir, 'node_modules/@backstage/create-app');
}

async function renderApp(work, flavor) {
  const caRoot = await ensureCreateApp(work);
  // create-app's own prerequisite check insists on yarn and Node 22/24; its
  // templating task is what renders the app, so call it directly.
  const { templatingTask } = await import(
    path.join(caRoot, 'dist/lib/tasks.cjs.js')
  );
  const appDir = path.join(work, `app-${flavor}`);
  fs.rmSync(appDir, { recursive: true, force: true });
  const template = path.join(
    caRoot,
    'templates',
    flavor === 'new' ? 'default-app' : 'legacy-app',
  );
  const log = console.log;
  console.log = () => {};
  try {
    await templatingTask(template, appDir, {
      name: `plinth-${flavor}`,
      defaultBranch: 'main',
    });
  } finally {
    console.log = log;
  }
  return appDir;
}

/**
 * `backstage-cli versions:bump` to the current release, through the npm
 * registry: every @backstage dependency of the app to `^<latest>`. The
 * pinned template's ranges alone resolve (without the yarn.lock seed) to a
 * mix of releases whose backend does not start (plugin-signals-backend
 * 0.3.21 calls httpRouter.addWebSocketHandler, which backend-defaults 0.18
 * lacks); versions:bump itself needs versions.backstage.io.
 */
async function bumpToCurrentRelease(appDir) {
  const files = [
    'package.json',
    'packages/app/package.json',
    'packages/backend/package.json',
  ].map(f => path.join(appDir, f));
  const pkgs = files.map(f => JSON.parse(fs.readFileSync(f, 'utf8')));
  const names = [
    ...new Set(
      pkgs
        .flatMap(p =>
          ['dependencies', 'devDependencies'].flatMap(k =>
            Object.keys(p[k] ?? {}),
          ),
        )
        .filter(n => n.startsWith('@backstage/')),
    ),
  ];
  const latest = {};
  for (let i = 0; i < names.length; i += 8) {
    await Promise.all(
      names.slice(i, i + 8).map(async n => {
        latest[n] = (
          await sh(`npm view ${n}@latest version`, { quiet: true })
        ).trim();
      }),
    );
  }
  files.forEach((f, i) => {
    for (const k of ['dependencies', 'devDependencies']) {
      for (const n of Object.keys(pkgs[i][k] ?? {})) {
        if (latest[n]) pkgs[i][k][n] = `^${latest[n]}`;
      }
    }
    fs.writeFileSync(f, `${JSON.stringify(pkgs[i], null, 2)}\n`);
  });
  console.log(
    `bumped ${names.length} @backstage packages to their latest versions`,
  );
}

/**
 * What an npm user of a create-app app changes: yarn's `resolutions` become
 * npm `overrides`, yarn's `link:` protocol becomes a workspace version, and
 * `legacy-peer-deps`.
 * The tarballs stand in for the registry through `overrides`.
 */
function adaptForNpm(appDir, tarballs) {
  const rootPkgFile = path.join(appDir, 'package.json');
  const rootPkg = JSON.parse(fs.readFileSync(rootPkgFile, 'utf8'));
  rootPkg.overrides = { ...rootPkg.resolutions };
  for (const [name, file] of Object.entries(tarballs)) {
    rootPkg.overrides[name] = `file:${file}`;
  }
  delete rootPkg.packageManager;
  fs.writeFileSync(rootPkgFile, `${JSON.stringify(rootPkg, null, 2)}\n`);
  for (const ws of ['packages/backend', 'packages/app']) {
    const f = path.join(appDir, ws, 'package.json');
    fs.writeFileSync(
      f,
      fs.readFileSync(f, 'utf8').replace(/"link:[^"]*"/g, '"*"'),
    );
  }
  // Backstage's dependency tree has peer ranges npm's strict resolver rejects
  // (@material-ui/core 4 asks for React 16/17); this repository does the same.
  fs.writeFileSync(path.join(appDir, '.npmrc'), 'legacy-peer-deps=true\n');
  // yarn.lock stays: npm ignores it, and `backstage-cli package build` of the
  // backend copies it into the bundle's dist workspace.
  fs.rmSync(path.join(appDir, '.yarnrc.yml'), { force: true });
  fs.rmSync(path.join(appDir, '.yarn'), { recursive: true, force: true });
}

/**
 * npm resolves a named package on the registry before `overrides` apply, so
 * an `npm install @plinth/x` line from a README installs the tarball of x:
 * the same command with the name standing for its tarball.
 */
function withTarballs(line, tarballs) {
  return line.replace(/@plinth\/[a-z0-9-]+/g, name =>
    tarballs[name] ? tarballs[name] : name,
  );
}

async function verifyApp(
  flavor,
  work,
  tarballs,
  { families, reuse, port, checkOnly },
) {
  let appDir = path.join(work, `app-${flavor}`);
  if (checkOnly) {
    // the app as an earlier run left it: only the backend and browser checks
  } else if (reuse && fs.existsSync(path.join(appDir, '.git'))) {
    // Back to the pristine app as installed (node_modules is git-ignored and
    // keeps what the last run added; the README steps install again anyway).
    await sh('git checkout -q . && git clean -qfd', { cwd: appDir });
  } else {
    appDir = await timed(
      `${flavor}: render create-app@${CREATE_APP_VERSION}`,
      () => renderApp(work, flavor),
    );
    adaptForNpm(appDir, tarballs);
    await timed(
      `${flavor}: bump @backstage packages to the current release`,
      () => bumpToCurrentRelease(appDir),
    );
    await timed(`${flavor}: npm install (pristine app)`, () =>
      sh('npm install --no-audit --no-fund --loglevel error', { cwd: appDir }),
    );
    await sh(
      'git init -q && git add -A && git -c user.name=verify -c user.email=verify@localhost commit -qm pristine',
      { cwd: appDir },
    );
  }
  const visits = [];
  const backendEnv = {};
  await timed(`${flavor}: README install steps`, async () => {
    if (checkOnly) {
      for (const family of families) {
        for (const dir of FAMILIES[family]) {
          for (const step of readSteps(path.join(repoRoot, dir, 'README.md'))) {
            if (step.action === 'env' && step.apps.includes(flavor)) {
              await applyStep(step, appDir, {
                env: backendEnv,
                run: line => sh(line, { cwd: appDir, quiet: true }),
              });
            }
            if (step.action === 'visit' && step.apps.includes(flavor)) {
              visits.push({
                path: step.args[0],
                expect: step.args[2],
                source: `${dir}/README.md:${step.line}`,
              });
            }
          }
        }
      }
      return;
    }
    for (const family of families) {
      for (const dir of FAMILIES[family]) {
        const steps = readSteps(path.join(repoRoot, dir, 'README.md')).filter(
          s => s.apps.includes(flavor),
        );
        for (const step of steps) {
          console.log(
            `[${dir}/README.md:${step.line}] ${step.action} ${step.args.join(
              ' ',
            )}`,
          );
          if (step.action === 'visit') {
            visits.push({
              path: step.args[0],
              expect: step.args[2],
              source: `${dir}/README.md:${step.line}`,
            });
            continue;
          }
          await applyStep(step, appDir, {
            env: backendEnv,
            run: (line, _where, { quiet } = {}) =>
              sh(withTarballs(line, tarballs), { cwd: appDir, quiet }),
          });
        }
      }
    }
  });
  if (!checkOnly) {
    await timed(`${flavor}: tsc`, () => sh('npx tsc', { cwd: appDir }));
    await timed(`${flavor}: build app and backend`, () =>
      sh('npx backstage-cli repo build --all', { cwd: appDir }),
    );
  }
  await timed(`${flavor}: backend on SQLite + Chromium`, async () => {
    const backend = await startBackend(appDir, port, backendEnv);
    try {
      await checkPages({
        baseUrl: `http://localhost:${port}`,
        visits,
        label: flavor,
        shotsDir: path.join(work, 'screenshots'),
      });
    } finally {
      await backend.stop();
    }
  });
}

/**
 * Starts the app's backend (better-sqlite3 in memory, as the template's
 * app-config.yaml says) from its sources, serving the built frontend from
 * packages/app/dist through the app backend plugin.
 */
/** Fails when something listens on the port already (a developer's backend on 7007). */
async function assertPortFree(port) {
  const net = await import('node:net');
  await new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', () =>
      reject(new Error(`port ${port} is in use; pass --port <another>`)),
    );
    server.listen(port, () => server.close(resolve));
  });
}

async function startBackend(appDir, port, extraEnv = {}) {
  await assertPortFree(port);
  const baseUrl = `http://localhost:${port}`;
  const child = spawn('npx', ['backstage-cli', 'package', 'start'], {
    cwd: path.join(appDir, 'packages/backend'),
    env: {
      ...process.env,
      ...extraEnv,
      NODE_ENV: 'development',
      APP_CONFIG_app_baseUrl: baseUrl,
      APP_CONFIG_backend_baseUrl: baseUrl,
      APP_CONFIG_backend_listen_port: String(port),
      APP_CONFIG_backend_cors_origin: baseUrl,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let log = '';
  const logFile = path.join(
    appDir,
    '..',
    `backend-${path.basename(appDir)}.log`,
  );
  const onData = d => {
    log += d;
    fs.appendFileSync(logFile, d);
  };
  console.log(`backend log: ${logFile}`);
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  // backstage-cli package start runs the backend in a child process that
  // outlives a SIGTERM to the group: SIGKILL after a grace period.
  const signal = sig => {
    try {
      process.kill(-child.pid, sig);
    } catch {
      /* already gone */
    }
  };
  const stop = async () => {
    signal('SIGTERM');
    await new Promise(r => setTimeout(r, 3000));
    signal('SIGKILL');
  };
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (
      child.exitCode !== null ||
      /Backend startup failed|EADDRINUSE/.test(log)
    ) {
      await stop();
      const failure = log
        .split('\n')
        .filter(l => /error/i.test(l))
        .slice(0, 10)
        .join('\n');
      throw new Error(`backend did not start:\n${failure}`);
    }
    try {
      const res = await fetch(`${baseUrl}/.backstage/health/v1/readiness`);
      if (res.ok) return { stop, log: () => log };
    } catch {
      /* not listening yet */
    }
    await new Promise(r => setTimeout(r, 2000));
  }
  await stop();
  throw new Error('backend not ready within 180 s');
}

function runAppProcess(flavor, work, opts, port) {
  const logFile = path.join(work, `verify-${flavor}.log`);
  const args = [
    fileURLToPath(import.meta.url),
    '--apps',
    flavor,
    '--families',
    opts.families.join(','),
    '--work',
    work,
    '--skip-pack',
    '--port',
    String(port),
    ...(opts.reuse ? ['--reuse'] : []),
    ...(opts.checkOnly ? ['--check-only'] : []),
  ];
  console.log(
    `\n=== ${flavor} app: node ${args.slice(1).join(' ')} > ${logFile} ===`,
  );
  return new Promise(resolve => {
    const out = fs.openSync(logFile, 'w');
    const child = spawn(process.execPath, args, {
      stdio: ['ignore', out, out],
    });
    child.on('exit', code => {
      fs.closeSync(out);
      const log = fs.readFileSync(logFile, 'utf8').split('\n');
      const from =
        code === 0 ? log.findIndex(l => l === '=== timings ===') : -1;
      console.log(`\n=== ${flavor} app: exit ${code} ===`);
      console.log(
        log.slice(from >= 0 ? from : Math.max(0, log.length - 80)).join('\n'),
      );
      resolve({ flavor, code });
    });
  });
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const work =
    opts.work ?? fs.mkdtempSync(path.join(os.tmpdir(), 'verify-install-'));
  fs.mkdirSync(work, { recursive: true });
  console.log(`work folder: ${work}`);
  const started = Date.now();
  let failed = false;
  try {
    const packsDir = path.join(work, 'packs');
    const tarballs = opts.skipPack
      ? Object.fromEntries(
          publishablePackages().map(({ pkg }) => [
            pkg.name,
            path.join(
              packsDir,
              `${pkg.name.replace('@', '').replace('/', '-')}-${
                pkg.version
              }.tgz`,
            ),
          ]),
        )
      : await buildAndPack(packsDir);
    if (opts.apps.length === 1) {
      await verifyApp(opts.apps[0], work, tarballs, opts);
    } else {
      // The apps at once, each in a process of its own with its own port and
      // log: their installs wait on the network and the disk, not the CPU.
      await ensureCreateApp(work);
      const results = await Promise.all(
        opts.apps.map((flavor, i) =>
          runAppProcess(flavor, work, opts, opts.port + i),
        ),
      );
      const failures = results.filter(r => r.code !== 0);
      if (failures.length) {
        throw new Error(
          `failed: ${failures.map(r => r.flavor).join(', ')} (logs above)`,
        );
      }
    }
  } catch (e) {
    failed = true;
    console.error(`\nverify:install FAILED: ${e.stack ?? e}`);
  } finally {
    console.log('\n=== timings ===');
    for (const [label, s] of timings)
      console.log(`${String(s).padStart(5)} s  ${label}`);
    console.log(
      `${String(Math.round((Date.now() - started) / 1000)).padStart(
        5,
      )} s  total`,
    );
    if (!opts.keep && !failed && !opts.work)
      fs.rmSync(work, { recursive: true, force: true });
  }
  process.exit(failed ? 1 : 0);
}

main();
