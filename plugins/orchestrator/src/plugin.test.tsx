import { Entity } from '@backstage/catalog-model';
import {
  ApiBlueprint,
  coreExtensionData,
} from '@backstage/frontend-plugin-api';
import { createExtensionTester } from '@backstage/frontend-test-utils';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { cartService } from './__testUtils__/fixtures';
import { orchestratorPlugin } from './legacyPlugin';
import { orchestratorFrontendPlugin } from './plugin';

const system: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: { name: 'Cart' },
  spec: { owner: 'group:default/cart-team' },
};

const group: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'cart-team' },
  spec: { type: 'team', children: [] },
};

describe('orchestratorFrontendPlugin', () => {
  it('is the orchestrator plugin', () => {
    expect(orchestratorFrontendPlugin.pluginId).toBe('orchestrator');
    expect(Object.keys(orchestratorFrontendPlugin.routes)).toEqual(['root']);
  });

  it('mounts the admin page at /orchestrator, titled for its nav item', () => {
    const tester = createExtensionTester(
      orchestratorFrontendPlugin.getExtension('page:orchestrator'),
    );
    expect(tester.get(coreExtensionData.routePath)).toBe('/orchestrator');
    expect(tester.get(coreExtensionData.title)).toBe('Platform orchestrator');
  });

  it('adds the Environments tab to components and systems only', () => {
    const tester = createExtensionTester(
      orchestratorFrontendPlugin.getExtension(
        'entity-content:orchestrator/environments',
      ),
    );
    expect(tester.get(coreExtensionData.routePath)).toBe('environments');
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe(
      'Environments',
    );
    const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction)!;
    expect(filter(cartService)).toBe(true);
    expect(filter(system)).toBe(true);
    expect(filter(group)).toBe(false);
  });

  it('provides the orchestrator API', () => {
    const tester = createExtensionTester(
      orchestratorFrontendPlugin.getExtension('api:orchestrator'),
    );
    expect(tester.get(ApiBlueprint.dataRefs.factory).api.id).toBe(
      'plugin.orchestrator.api',
    );
  });
});

describe('orchestratorPlugin', () => {
  it('is the orchestrator plugin of the old frontend system, with its API', () => {
    expect(orchestratorPlugin.getId()).toBe('orchestrator');
    expect(
      [...orchestratorPlugin.getApis()].map(factory => factory.api.id),
    ).toEqual(['plugin.orchestrator.api']);
    expect(Object.keys(orchestratorPlugin.routes)).toEqual(['root']);
  });
});
