import { Entity } from '@backstage/catalog-model';
import {
  ApiBlueprint,
  coreExtensionData,
} from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  mockApis,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen } from '@testing-library/react';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { cartService, fakeScorecardsApi } from './__testUtils__/fixtures';
import { scorecardsApiRef } from './api/ScorecardsApi';
import { rootRouteRef } from './routes';
import { scorecardsFrontendPlugin } from './plugin';
import { scorecardsPlugin } from './legacyPlugin';

const group: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'cart-team' },
  spec: { type: 'team', children: [] },
};

// Lazy extensions load whole modules: on a loaded 2-core CI machine a test
// can pass 5 s.
jest.setTimeout(30_000);

describe('scorecardsFrontendPlugin', () => {
  it('is the scorecards plugin', () => {
    expect(scorecardsFrontendPlugin.pluginId).toBe('scorecards');
  });

  it('mounts the scorecards page at /scorecards', () => {
    const tester = createExtensionTester(
      scorecardsFrontendPlugin.getExtension('page:scorecards'),
    );
    expect(tester.get(coreExtensionData.routePath)).toBe('/scorecards');
  });

  it('gives components and systems a Scorecards tab, and no other kind', () => {
    const tester = createExtensionTester(
      scorecardsFrontendPlugin.getExtension(
        'entity-content:scorecards/scorecards',
      ),
    );
    expect(tester.get(coreExtensionData.routePath)).toBe('/scorecards');
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe(
      'Scorecards',
    );
    const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction)!;
    expect(filter(cartService)).toBe(true);
    expect(filter({ ...cartService, kind: 'System' })).toBe(true);
    expect(filter(group)).toBe(false);
    expect(filter({ ...cartService, kind: 'Incident' })).toBe(false);
  });

  it('puts the scorecards card on the Scorecards tab', async () => {
    const tab = createExtensionTester(
      scorecardsFrontendPlugin.getExtension(
        'entity-content:scorecards/scorecards',
      ),
    ).add(
      scorecardsFrontendPlugin.getExtension(
        'entity-card:scorecards/scorecards',
      ),
    );
    await renderInTestApp(
      <EntityProvider entity={cartService}>
        {tab.reactElement()}
      </EntityProvider>,
      {
        apis: [[scorecardsApiRef, fakeScorecardsApi()], mockApis.permission()],
        mountedRoutes: { '/scorecards': rootRouteRef },
      },
    );
    expect(
      await screen.findByRole(
        'region',
        { name: 'Production readiness' },
        { timeout: 15_000 },
      ),
    ).toBeInTheDocument();
  });

  it('sums up the levels at the top of the overview where the tab is', () => {
    const tester = createExtensionTester(
      scorecardsFrontendPlugin.getExtension('entity-card:scorecards/summary'),
    );
    expect(tester.get(EntityCardBlueprint.dataRefs.type)).toBe('info');
    // Where the Scorecards tab is, which it links to.
    const filter = tester.get(EntityCardBlueprint.dataRefs.filterFunction)!;
    expect(filter(cartService)).toBe(true);
    expect(filter(group)).toBe(false);
  });

  it('offers the DORA dashboards as an external route', () => {
    expect(Object.keys(scorecardsFrontendPlugin.externalRoutes)).toEqual([
      'dora',
    ]);
  });

  it('provides the scorecards API', () => {
    const tester = createExtensionTester(
      scorecardsFrontendPlugin.getExtension('api:scorecards'),
    );
    expect(tester.get(ApiBlueprint.dataRefs.factory).api.id).toBe(
      'plugin.scorecards.api',
    );
  });
});

describe('scorecardsPlugin', () => {
  it('is the scorecards plugin of the old frontend system, with its API', () => {
    expect(scorecardsPlugin.getId()).toBe('scorecards');
    expect(
      [...scorecardsPlugin.getApis()].map(factory => factory.api.id),
    ).toEqual(['plugin.scorecards.api']);
    expect(Object.keys(scorecardsPlugin.routes)).toEqual([
      'root',
      'scorecard',
      'campaigns',
      'campaign',
    ]);
    expect(Object.keys(scorecardsPlugin.externalRoutes)).toEqual(['dora']);
  });
});
