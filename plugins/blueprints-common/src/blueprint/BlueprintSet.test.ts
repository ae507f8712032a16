import {
  affectedBlueprints,
  BlueprintSource,
  resolveBlueprintSet,
  validateBlueprintSet,
} from './BlueprintSet';
import type { Blueprint } from './types';
import { seedBlueprints } from '../__testUtils__/seed';

function sources(blueprints: Blueprint[]): BlueprintSource[] {
  return blueprints.map(blueprint => ({
    blueprint,
    source: `${blueprint.identifier}.json`,
  }));
}

/** The set's problems as `source pointer: message` lines. */
function setProblems(blueprints: Blueprint[]): string[] {
  return validateBlueprintSet(sources(blueprints)).map(
    p => `${p.source} ${p.pointer}: ${p.message}`,
  );
}

/** The seed blueprints, with one changed. */
function seedWith(
  identifier: string,
  change: (b: Blueprint) => void,
): Blueprint[] {
  const all = seedBlueprints();
  change(all.find(b => b.identifier === identifier)!);
  return all;
}

function minimal(
  identifier: string,
  extra: Partial<Blueprint> = {},
): Blueprint {
  return { identifier, schema: { properties: {} }, ...extra };
}

describe('validateBlueprintSet', () => {
  it('accepts the seed-shaped set', () => {
    expect(setProblems(seedBlueprints())).toEqual([]);
  });

  it('accepts relations that form cycles, as Port does', () => {
    const a = minimal('A', {
      relations: { b: { target: 'B' }, self: { target: 'A', many: true } },
    });
    const b = minimal('B', {
      relations: { a: { target: 'A', required: true } },
    });
    expect(setProblems([a, b])).toEqual([]);
  });

  it('names both sources of a duplicate identifier', () => {
    const problems = validateBlueprintSet([
      ...sources(seedBlueprints()),
      {
        blueprint: minimal('System'),
        source: 'more/System.yaml',
        pointer: '/1',
      },
    ]);
    expect(problems).toEqual([
      {
        source: 'more/System.yaml',
        pointer: '/1/identifier',
        message:
          'blueprint "System" is defined twice: in System.json and in more/System.yaml at /1',
      },
    ]);
  });

  it('requires relation targets to exist', () => {
    const blueprints = seedWith('System', b => {
      b.relations!.domain.target = 'domain';
    });
    expect(setProblems(blueprints)).toEqual([
      'System.json /relations/domain/target: relation "domain" points to blueprint "domain", which does not exist (did you mean "Domain"?)',
    ]);
    expect(
      setProblems([minimal('A', { relations: { b: { target: 'B' } } })]),
    ).toEqual([
      'A.json /relations/b/target: relation "b" points to blueprint "B", which does not exist (known blueprints: A)',
    ]);
  });

  describe('mirror paths', () => {
    function componentMirrors(mirrors: Blueprint['mirrorProperties']) {
      return seedWith('Component', b => {
        b.mirrorProperties = mirrors;
      });
    }

    it('follow relations to a property or meta-property', () => {
      const blueprints = componentMirrors({
        domain: { path: 'system.domain.$title' },
        providerType: { path: 'providesApi.type' },
        resourceIds: { path: 'resources.$identifier' },
      });
      expect(setProblems(blueprints)).toEqual([]);
    });

    it('say where a path stops', () => {
      const blueprints = componentMirrors({
        a: { path: 'system.owner.$title' },
        b: { path: 'system.name' },
        c: { path: 'system.domain' },
      });
      expect(setProblems(blueprints)).toEqual([
        'Component.json /mirrorProperties/a/path: path "system.owner.$title": "owner" is not a relation of blueprint System (relations: domain)',
        'Component.json /mirrorProperties/b/path: path "system.name": blueprint System has no property "name"; it has the meta-properties $identifier, $title, $team, $blueprint, $icon, $createdAt, $updatedAt, $createdBy, $updatedBy',
        'Component.json /mirrorProperties/c/path: path "system.domain": blueprint System has no property "domain"; "domain" is a relation, and a mirror path ends with a property (for the related entity\'s identifier, end with "domain.$identifier")',
      ]);
    });

    it('may end at another mirror', () => {
      const blueprints = seedWith('System', b => {
        b.mirrorProperties = { domainTitle: { path: 'domain.$title' } };
      });
      blueprints.find(b => b.identifier === 'Component')!.mirrorProperties = {
        domainTitle: { path: 'system.domainTitle' },
      };
      expect(setProblems(blueprints)).toEqual([]);
    });

    it('report a mirror that reads itself through other mirrors, naming the chain', () => {
      const a = minimal('A', {
        relations: { b: { target: 'B' } },
        mirrorProperties: { m: { path: 'b.n' } },
      });
      const b = minimal('B', {
        relations: { a: { target: 'A' } },
        mirrorProperties: { n: { path: 'a.m' } },
      });
      const c = minimal('C', {
        relations: { a: { target: 'A' } },
        mirrorProperties: { o: { path: 'a.m' } },
      });
      expect(setProblems([a, b, c])).toEqual([
        'A.json /mirrorProperties/m/path: mirror cycle: A.m → B.n → A.m; a mirror property cannot read itself',
        'B.json /mirrorProperties/n/path: mirror cycle: B.n → A.m → B.n; a mirror property cannot read itself',
        'C.json /mirrorProperties/o/path: path leads into the mirror cycle A.m → B.n → A.m',
      ]);
    });
  });

  describe('aggregations', () => {
    const issue = minimal('issue', {
      schema: {
        properties: {
          points: { type: 'number' },
          status: { type: 'string' },
          closedAt: { type: 'string', format: 'date-time' },
        },
      },
    });

    function aggregating(spec: any, target = 'issue'): Blueprint {
      return minimal('service', {
        aggregationProperties: { agg: { target, calculationSpec: spec } },
      });
    }

    it('accept a target and a number property that exist', () => {
      const spec = {
        calculationBy: 'property',
        func: 'average',
        property: 'points',
        averageOf: 'week',
        measureTimeBy: 'closedAt',
      };
      expect(setProblems([issue, aggregating(spec)])).toEqual([]);
    });

    it('require the target blueprint and property to exist', () => {
      expect(
        setProblems([
          issue,
          aggregating({ calculationBy: 'entities', func: 'count' }, 'Issue'),
        ]),
      ).toEqual([
        'service.json /aggregationProperties/agg/target: aggregation "agg" aggregates blueprint "Issue", which does not exist (did you mean "issue"?)',
      ]);
      expect(
        setProblems([
          issue,
          aggregating({
            calculationBy: 'property',
            func: 'sum',
            property: 'effort',
          }),
        ]),
      ).toEqual([
        'service.json /aggregationProperties/agg/calculationSpec/property: blueprint issue has no property "effort" (its number properties: points)',
      ]);
    });

    it('require a number property and a date-time measureTimeBy', () => {
      expect(
        setProblems([
          issue,
          aggregating({
            calculationBy: 'property',
            func: 'average',
            property: 'status',
            averageOf: 'day',
            measureTimeBy: 'status',
          }),
        ]),
      ).toEqual([
        'service.json /aggregationProperties/agg/calculationSpec/property: property "status" of blueprint issue is a string; aggregating by property needs a number property',
        'service.json /aggregationProperties/agg/calculationSpec/measureTimeBy: measureTimeBy "status" must be $createdAt, $updatedAt or a date-time property of blueprint issue; "status" is not a date-time',
      ]);
    });
  });

  it('reads only what blueprints define, never what every JavaScript object has', () => {
    const system = minimal('System', {
      schema: { properties: { tier: { type: 'number' } } },
    });
    const component = minimal('Component', {
      relations: { system: { target: 'System' } },
      mirrorProperties: {
        a: { path: 'system.constructor.$title' },
        b: { path: 'system.toString' },
      },
      aggregationProperties: {
        c: {
          target: 'System',
          calculationSpec: {
            calculationBy: 'property',
            func: 'sum',
            property: 'constructor',
            averageOf: 'week',
            measureTimeBy: 'valueOf',
          } as any,
        },
      },
      ownership: { type: 'Inherited', path: 'system.hasOwnProperty' },
    });
    expect(setProblems([system, component])).toEqual([
      'Component.json /mirrorProperties/a/path: path "system.constructor.$title": "constructor" is not a relation of blueprint System (it has no relations)',
      'Component.json /mirrorProperties/b/path: path "system.toString": blueprint System has no property "toString"; it has tier, and the meta-properties $identifier, $title, $team, $blueprint, $icon, $createdAt, $updatedAt, $createdBy, $updatedBy',
      'Component.json /aggregationProperties/c/calculationSpec/property: blueprint System has no property "constructor" (its number properties: tier)',
      'Component.json /aggregationProperties/c/calculationSpec/measureTimeBy: measureTimeBy "valueOf" must be $createdAt, $updatedAt or a date-time property of blueprint System',
      'Component.json /ownership/path: path "system.hasOwnProperty": "hasOwnProperty" is not a relation of blueprint System (it has no relations)',
    ]);
  });

  describe('inherited ownership', () => {
    it('follows relations to a blueprint that owns directly', () => {
      const blueprints = seedWith('Component', b => {
        b.ownership = { type: 'Inherited', path: 'system.domain' };
      });
      blueprints.find(b => b.identifier === 'Domain')!.ownership = {
        type: 'Direct',
      };
      expect(setProblems(blueprints)).toEqual([]);
    });

    it('reports a path that is not made of relations', () => {
      const blueprints = seedWith('Component', b => {
        b.ownership = { type: 'Inherited', path: 'system.owner' };
      });
      expect(setProblems(blueprints)).toEqual([
        'Component.json /ownership/path: path "system.owner": "owner" is not a relation of blueprint System (relations: domain)',
      ]);
    });

    it('reports inheritance that loops', () => {
      const a = minimal('A', {
        relations: { b: { target: 'B' } },
        ownership: { type: 'Inherited', path: 'b' },
      });
      const b = minimal('B', {
        relations: { a: { target: 'A' } },
        ownership: { type: 'Inherited', path: 'a' },
      });
      expect(setProblems([a, b])).toEqual([
        'A.json /ownership/path: ownership inheritance loops: A → B → A; some blueprint on the way must own its entities directly',
        'B.json /ownership/path: ownership inheritance loops: B → A → B; some blueprint on the way must own its entities directly',
      ]);
    });
  });
});

describe('resolveBlueprintSet', () => {
  it('keeps the whole seed-shaped set', () => {
    const { valid, problems } = resolveBlueprintSet(
      seedBlueprints().map(blueprint => ({ blueprint, source: 'seed' })),
    );
    expect(problems).toEqual([]);
    expect(valid.map(b => b.identifier)).toEqual([
      'Domain',
      'System',
      'Resource',
      'API',
      'Component',
    ]);
  });

  it('drops an invalid blueprint and everything that depends on it, never half of it', () => {
    const inputs = seedBlueprints().map(blueprint => ({
      blueprint: blueprint as unknown,
      source: `${blueprint.identifier}.json`,
    }));
    // System gets a property of an unknown type.
    (inputs[1].blueprint as Blueprint).schema.properties.tier = {
      type: 'strng',
    } as any;
    const { valid, problems } = resolveBlueprintSet(inputs);
    expect(valid.map(b => b.identifier)).toEqual(['Domain', 'Resource']);
    expect(problems.map(p => `${p.source} ${p.pointer}: ${p.message}`)).toEqual(
      [
        'System.json /schema/properties/tier/type: type must be one of string, number, boolean, object, array; got "strng"',
        'API.json /relations/provider/target: blueprint "API" is not applied: it depends on blueprint "Component", which is invalid',
        'Component.json /relations/system/target: blueprint "Component" is not applied: it depends on blueprint "System", which is invalid',
      ],
    );
  });

  it('drops both definitions of a duplicated blueprint', () => {
    const { valid, problems } = resolveBlueprintSet([
      { blueprint: minimal('A'), source: 'one.json' },
      { blueprint: minimal('A'), source: 'two.json' },
      { blueprint: minimal('B'), source: 'three.json' },
    ]);
    expect(valid.map(b => b.identifier)).toEqual(['B']);
    expect(problems.map(p => p.message)).toEqual([
      'blueprint "A" is defined twice: in one.json and in two.json',
    ]);
  });

  it('drops a blueprint whose relation target does not exist', () => {
    const { valid, problems } = resolveBlueprintSet([
      {
        blueprint: minimal('A', { relations: { b: { target: 'B' } } }),
        source: 'a.json',
      },
      {
        blueprint: minimal('C', { relations: { a: { target: 'A' } } }),
        source: 'c.json',
      },
    ]);
    expect(valid).toEqual([]);
    expect(problems.map(p => `${p.source} ${p.pointer}: ${p.message}`)).toEqual(
      [
        'a.json /relations/b/target: relation "b" points to blueprint "B", which does not exist (known blueprints: A, C)',
        'c.json /relations/a/target: blueprint "C" is not applied: it depends on blueprint "A", which is invalid',
      ],
    );
  });
});

describe('resolveBlueprintSet with warnings', () => {
  // The shapes of Port's ArgoCD and AWS integration blueprints.
  const application = {
    identifier: 'argocdApplication',
    schema: {
      properties: {
        healthStatus: { type: 'enum', enum: ['Healthy', 'Degraded'] },
      },
    },
  };
  const bucket = {
    identifier: 'awsS3Bucket',
    schema: {
      properties: {
        creationDate: {
          type: 'string',
          format: 'date-time',
          dateFormat: 'YYYY-MM-DD',
        },
      },
    },
    relations: { application: { target: 'argocdApplication' } },
  };

  it('keeps blueprints whose only problems are warnings, and reports the warnings', () => {
    const { valid, problems } = resolveBlueprintSet([
      { blueprint: application, source: 'argocd.json' },
      { blueprint: bucket, source: 'aws.json', pointer: '/0' },
    ]);
    expect(valid).toEqual([application, bucket]);
    expect(problems).toEqual([
      expect.objectContaining({
        source: 'argocd.json',
        pointer: '/schema/properties/healthStatus/type',
        severity: 'warning',
      }),
      expect.objectContaining({
        source: 'aws.json',
        pointer: '/0/schema/properties/creationDate/dateFormat',
        severity: 'warning',
      }),
    ]);
  });

  it('still leaves out a blueprint with an error beside its warnings', () => {
    const { valid, problems } = resolveBlueprintSet([
      { blueprint: application, source: 'argocd.json' },
      {
        blueprint: { ...bucket, relations: { app: { target: 'missing' } } },
        source: 'aws.json',
      },
    ]);
    expect(valid.map(b => b.identifier)).toEqual(['argocdApplication']);
    expect(problems.map(p => p.severity ?? 'error')).toEqual([
      'warning',
      'warning',
      'error',
    ]);
  });
});

describe('affectedBlueprints', () => {
  it('follows relations, mirror paths and aggregations backwards', () => {
    const blueprints = seedBlueprints();
    expect([...affectedBlueprints(blueprints, ['System'])].sort()).toEqual([
      'API',
      'Component',
      'System',
    ]);
    expect([...affectedBlueprints(blueprints, ['Resource'])].sort()).toEqual([
      'API',
      'Component',
      'Resource',
    ]);
    const report = minimal('report', {
      aggregationProperties: {
        domains: {
          target: 'Domain',
          calculationSpec: { calculationBy: 'entities', func: 'count' },
        },
      },
    });
    expect(
      [...affectedBlueprints([...blueprints, report], ['Domain'])].sort(),
    ).toEqual(['API', 'Component', 'Domain', 'System', 'report']);
  });
});
