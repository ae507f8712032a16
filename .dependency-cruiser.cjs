/**
 * Import rules of the monorepo (`npm run lint:cycles`), as
 * docs/architecture.md describes them: no circle, and inside a package no
 * arrow from a folder to a layer above it (backends: lib < database <
 * definitions < derived/evaluation < service; frontends: lib < api < hooks <
 * components). Tests and test utilities may
 * reach anything of their package.
 */
/** A package's sources; `$1` in a `to` path is the same package. */
const pkg = '^((?:plugins|packages)/[^/]+)/src/';
const samePkg = '^$1/src/';
const notTests = '(__testUtils__/|\\.test\\.tsx?$)';

/** A rule forbidding `from` folders of a backend to import `to` folders. */
const layer = (name, from, to) => ({
  name,
  severity: 'error',
  comment: `${from} sits below ${to.join(', ')}: it may not import them`,
  from: { path: `${pkg}${from}/`, pathNot: notTests },
  to: { path: `${samePkg}(${to.join('|')})/` },
});

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Modules that import each other, however far round',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-wiring-from-folders',
      severity: 'error',
      comment:
        'plugin.ts, module.ts, config.ts and index.ts wire the folders below them; no folder imports them',
      from: { path: `${pkg}[^/]+/`, pathNot: notTests },
      to: { path: `${samePkg}(plugin|module|config|index)\\.tsx?$` },
    },
    layer('lib-is-the-bottom', 'lib', [
      'service',
      'derived',
      'evaluation',
      'definitions',
      'database',
      'api',
      'hooks',
      'components',
    ]),
    layer('database-below-the-rest', 'database', [
      'service',
      'derived',
      'evaluation',
      'definitions',
    ]),
    layer('definitions-below-engines', 'definitions', [
      'service',
      'derived',
      'evaluation',
    ]),
    layer('engines-below-services', '(derived|evaluation)', ['service']),
    // Frontends: the API client and hooks sit below the components.
    layer('api-below-the-ui', 'api', ['components', 'hooks']),
    layer('hooks-below-components', 'hooks', ['components']),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(node_modules|/dist/|\\.d\\.ts$)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // Workspace packages resolve to their sources: circles across packages
    // count too.
    enhancedResolveOptions: { exportsFields: ['exports'] },
  },
};
