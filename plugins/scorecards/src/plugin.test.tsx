import { Entity } from '@backstage/catalog-model';
import {
  ApiBlueprint,
  coreExtensionData,
} from '@backstage/frontend-plugin-api';
import { createExtensionTester } from '@backstage/frontend-test-utils';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { cartService } from './__testUtils__/fixtures';
import { scorecardsFrontendPlugin } from './plugin';
import { scorecardsPlugin } from './legacyPlugin';

const group: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'cart-team' },
  spec: { type: 'team', children: [] },
};

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

  it('shows the scorecards card on the overview of every entity, as content', () => {
    const tester = createExtensionTester(
      scorecardsFrontendPlugin.getExtension(
        'entity-card:scorecards/scorecards',
      ),
    );
    expect(tester.get(EntityCardBlueprint.dataRefs.type)).toBe('content');
    // No filter: the card shows its own empty state.
    const filter = tester.get(EntityCardBlueprint.dataRefs.filterFunction) as
      | ((entity: Entity) => boolean)
      | undefined;
    for (const entity of [cartService, group]) {
      expect(filter ? filter(entity) : true).toBe(true);
    }
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
