import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { DEMO_SERVICES } from './demo/doraHistory';

const examples = resolve(__dirname, '../../../examples');

interface PortEntity {
  identifier: string;
  blueprint?: string;
  team?: string | string[];
  properties?: { type?: string };
}

/** Every Port entity of examples/plinth/entities, with its blueprint. */
function demoEntities(): PortEntity[] {
  const root = join(examples, 'plinth/entities');
  return readdirSync(root).flatMap(blueprint =>
    readdirSync(join(root, blueprint)).flatMap(file => {
      const text = readFileSync(join(root, blueprint, file), 'utf8');
      const documents = file.endsWith('.json')
        ? [JSON.parse(text)]
        : parseAllDocuments(text).map(d => d.toJSON());
      return documents
        .flat()
        .map((entity: PortEntity) => ({ blueprint, ...entity }));
    }),
  );
}

/** The users and groups of examples/org.yaml. */
function organization() {
  const text = readFileSync(join(examples, 'org.yaml'), 'utf8');
  const entities = parseAllDocuments(text).map(d => d.toJSON());
  return {
    groups: entities.filter(e => e.kind === 'Group'),
    users: entities.filter(e => e.kind === 'User'),
  };
}

const teamOf = (entity: PortEntity) =>
  Array.isArray(entity.team) ? entity.team[0] : entity.team;

describe('the demo organization', () => {
  const entities = demoEntities();
  const { groups, users } = organization();
  const groupNames = new Set(groups.map(g => g.metadata.name));

  it('gives every demo entity a team that is a group of the organization', () => {
    const unowned = entities.filter(e => !teamOf(e)).map(e => e.identifier);
    expect(unowned).toEqual([]);
    const unknown = entities
      .filter(e => !groupNames.has(teamOf(e)!))
      .map(e => `${e.identifier}: ${teamOf(e)}`);
    expect(unknown).toEqual([]);
  });

  it('spreads the components over several teams, so views by team have several rows', () => {
    const componentTeams = new Set(
      entities.filter(e => e.blueprint === 'Component').map(teamOf),
    );
    expect([...componentTeams].sort()).toEqual([
      'cart-team',
      'platform-team',
      'products-team',
    ]);
  });

  it('has people in every team that owns something, and the teams in a department', () => {
    for (const team of new Set(entities.map(teamOf))) {
      const group = groups.find(g => g.metadata.name === team);
      if (group.spec.type !== 'team') continue;
      expect([team, users.some(u => u.spec.memberOf.includes(team))]).toEqual([
        team,
        true,
      ]);
      expect([team, group.spec.parent]).toEqual([team, 'commerce']);
    }
  });

  it('loads DORA history for a component of each team', () => {
    const teams = DEMO_SERVICES.map(ref => {
      const entity = entities.find(
        e =>
          e.blueprint === 'Component' &&
          `component:default/${e.identifier.toLowerCase()}` === ref,
      );
      return entity && teamOf(entity);
    });
    expect(teams.sort()).toEqual([
      'cart-team',
      'platform-team',
      'products-team',
    ]);
  });

  it('keeps the demo owner for Port data that names no team', () => {
    const appConfig = parse(
      readFileSync(resolve(examples, '../app-config.yaml'), 'utf8'),
    );
    const owner: string =
      appConfig.catalog.providers.plinthBlueprints.defaultOwner;
    expect(groupNames.has(owner.replace(/^group:default\//, ''))).toBe(true);
  });
});
