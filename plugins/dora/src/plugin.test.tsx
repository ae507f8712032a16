import { Entity } from '@backstage/catalog-model';
import {
  ApiBlueprint,
  coreExtensionData,
} from '@backstage/frontend-plugin-api';
import { createExtensionTester } from '@backstage/frontend-test-utils';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { cartService } from './__testUtils__/doraFixtures';
import { doraFrontendPlugin } from './plugin';
import { doraPlugin } from './legacyPlugin';

const group: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'cart-team' },
  spec: { type: 'team', children: [] },
};

describe('doraFrontendPlugin', () => {
  it('is the DORA plugin', () => {
    expect(doraFrontendPlugin.pluginId).toBe('dora');
    expect(Object.keys(doraFrontendPlugin.routes)).toEqual(['root']);
  });

  it('mounts the DORA page at /dora', () => {
    const tester = createExtensionTester(
      doraFrontendPlugin.getExtension('page:dora'),
    );
    expect(tester.get(coreExtensionData.routePath)).toBe('/dora');
  });

  it('puts the DORA card of components and systems on their Scorecards tab', () => {
    const tester = createExtensionTester(
      doraFrontendPlugin.getExtension('entity-card:dora/dora'),
    );
    expect(tester.get(EntityCardBlueprint.dataRefs.type)).toBe('content');
    const filter = tester.get(EntityCardBlueprint.dataRefs.filterFunction)!;
    expect(filter(cartService)).toBe(true);
    expect(filter({ ...cartService, kind: 'System' })).toBe(true);
    expect(filter(group)).toBe(false);
    expect(filter({ ...cartService, kind: 'Environment' })).toBe(false);
  });

  it('sums up the DORA tiers of components and systems at the top of their overview', () => {
    const tester = createExtensionTester(
      doraFrontendPlugin.getExtension('entity-card:dora/summary'),
    );
    expect(tester.get(EntityCardBlueprint.dataRefs.type)).toBe('info');
    const filter = tester.get(EntityCardBlueprint.dataRefs.filterFunction)!;
    expect(filter(cartService)).toBe(true);
    expect(filter({ ...cartService, kind: 'Incident' })).toBe(false);
  });

  it('provides the DORA API', () => {
    const tester = createExtensionTester(
      doraFrontendPlugin.getExtension('api:dora'),
    );
    expect(tester.get(ApiBlueprint.dataRefs.factory).api.id).toBe(
      'plugin.dora.api',
    );
  });
});

describe('doraPlugin', () => {
  it('is the DORA plugin of the old frontend system, with its API', () => {
    expect(doraPlugin.getId()).toBe('dora');
    expect([...doraPlugin.getApis()].map(factory => factory.api.id)).toEqual([
      'plugin.dora.api',
    ]);
    expect(Object.keys(doraPlugin.routes)).toEqual(['root']);
  });
});
