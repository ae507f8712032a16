import { isResourcePermission } from '@backstage/plugin-permission-common';
import { orchestratorPermissions } from './permissions';

describe('orchestrator permissions', () => {
  it('are named once each, and scoped to the app where they change one app', () => {
    const names = orchestratorPermissions.map(p => p.name);
    expect(new Set(names).size).toBe(names.length);
    expect(
      orchestratorPermissions
        .filter(p => isResourcePermission(p, 'catalog-entity'))
        .map(p => p.name),
    ).toEqual([
      'plinth.orchestrator.environment.create',
      'plinth.orchestrator.environment.update',
      'plinth.orchestrator.environment.lock',
      'plinth.orchestrator.environment.delete',
      'plinth.orchestrator.value.write',
      'plinth.orchestrator.deploy',
      'plinth.orchestrator.deploy.locked',
      'plinth.orchestrator.resource.sql',
    ]);
  });
});
