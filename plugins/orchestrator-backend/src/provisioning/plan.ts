import {
  explainMatch,
  findPlaceholders,
  resourceIdOf,
  resourceTypeOf,
  type ResourceDefinition,
  type ScoreResource,
  type ScoreWorkload,
} from '@plinth/plugin-orchestrator-common';
import type { ResourceDriver } from '@plinth/plugin-orchestrator-node';
import { ANY_TYPE_DRIVER_IDS } from '../drivers';
import { appNameOf } from '../drivers/context';

/** Drivers that provision a resource of any type from its definition. */
export const ANY_TYPE_DRIVERS: ReadonlySet<string> = new Set(
  ANY_TYPE_DRIVER_IDS,
);

/** Where the resources are provisioned. */
export interface PlanTarget {
  app: string;
  env: string;
  envType: string;
}

/** One resource to provision, shared or of one workload. */
export interface PlannedResource {
  resId: string;
  type: string;
  class: string;
  params: Record<string, unknown>;
  definition: ResourceDefinition;
  driver: ResourceDriver;
  /** The stable key drivers name what they make after. */
  key: string;
  /** The workloads that name it, and the name each gives it. */
  usedBy: Array<{ workload: string; name: string }>;
  /** The resources its params' placeholders read, by the name they use. */
  dependsOn: Record<string, string>;
}

/** The resources of an environment's workloads, in dependency order. */
export interface ProvisioningPlan {
  resources: PlannedResource[];
  /** Each workload's resource names to resource ids. */
  names: Record<string, Record<string, string>>;
  /**
   * The resources no definition matches whose type has a built-in
   * in-cluster default, when the plan was asked to leave those to it.
   */
  defaulted: Array<{ workload: string; name: string; resId: string }>;
}

/** How {@link planResources} treats resources no definition matches. */
export interface PlanOptions {
  /**
   * Types left to the built-in in-cluster defaults when no definition
   * matches (in development and ephemeral environments); otherwise that is
   * a problem.
   */
  defaultable?: ReadonlySet<string>;
}

/**
 * The stable key of a resource in an environment. Drivers name what they
 * make after it — a readable start, cut to fit, and a hash of all of it —
 * so it starts with what people read (the app's name, the environment, the
 * resource) and ends with the app's full ref, which makes it unique.
 */
export function resourceKeyOf(target: PlanTarget, resId: string): string {
  return `${appNameOf(target.app)}/${target.env}/${resId}/${target.app}`;
}

function stringsIn(value: unknown, found: string[] = []): string[] {
  if (typeof value === 'string') found.push(value);
  else if (Array.isArray(value)) value.forEach(v => stringsIn(v, found));
  else if (value && typeof value === 'object') {
    Object.values(value).forEach(v => stringsIn(v, found));
  }
  return found;
}

function sameResource(a: ScoreResource, b: ScoreResource): boolean {
  return (
    a.type === b.type &&
    (a.class ?? 'default') === (b.class ?? 'default') &&
    JSON.stringify(a.params ?? {}) === JSON.stringify(b.params ?? {})
  );
}

/**
 * Which definition and driver provision each resource of an environment's
 * workloads, and in what order: every problem at once (unknown type, no or
 * two equally specific definitions, a missing driver, a placeholder in
 * params to a missing resource or output, a dependency cycle), so that
 * nothing is provisioned unless all of it can be.
 */
export function planResources(
  target: PlanTarget,
  workloads: ReadonlyArray<{ name: string; workload: ScoreWorkload }>,
  definitions: readonly ResourceDefinition[],
  drivers: ReadonlyMap<string, ResourceDriver>,
  options: PlanOptions = {},
): { plan?: ProvisioningPlan; problems: string[] } {
  const problems: string[] = [];
  const defaulted: ProvisioningPlan['defaulted'] = [];
  const defaultedIds = new Set<string>();
  const byId = new Map<string, PlannedResource & { score: ScoreResource }>();
  const names: Record<string, Record<string, string>> = {};
  const definedTypes = new Set(definitions.map(d => d.type));

  for (const { name: workload, workload: spec } of workloads) {
    names[workload] = {};
    for (const [name, resource] of Object.entries(spec.resources ?? {})) {
      const where = `workload "${workload}", resource "${name}"`;
      const resId = resourceIdOf(workload, name, resource.id);
      names[workload][name] = resId;
      if (defaultedIds.has(resId)) {
        defaulted.push({ workload, name, resId });
        continue;
      }
      const existing = byId.get(resId);
      if (existing) {
        if (!sameResource(existing.score, resource)) {
          problems.push(
            `${where}: shared resource "${resId}" is also named by workload "${existing.usedBy[0].workload}" with another type, class or params; a shared resource must be the same wherever it is named.`,
          );
        } else {
          existing.usedBy.push({ workload, name });
        }
        continue;
      }
      if (!resourceTypeOf(resource.type) && !definedTypes.has(resource.type)) {
        problems.push(
          `${where}: unknown resource type "${resource.type}"; no resource definition provisions it.`,
        );
        continue;
      }
      const { chosen, error, candidates } = explainMatch(definitions, {
        name: `${workload}.${name}`,
        type: resource.type,
        class: resource.class,
        resId,
        appId: target.app,
        envId: target.env,
        envType: target.envType,
      });
      const noneApplies = candidates.every(c => c.specificity === undefined);
      if (!chosen && noneApplies && options.defaultable?.has(resource.type)) {
        defaulted.push({ workload, name, resId });
        defaultedIds.add(resId);
        continue;
      }
      if (!chosen) {
        problems.push(`${where}: ${error}`);
        continue;
      }
      const definition = chosen.definition;
      const driver = drivers.get(definition.driver);
      if (!driver) {
        problems.push(
          `${where}: resource definition "${definition.id}" uses driver "${
            definition.driver
          }", which is not installed; the installed drivers are: ${
            [...drivers.keys()].sort().join(', ') || 'none'
          }.`,
        );
        continue;
      }
      if (
        !ANY_TYPE_DRIVERS.has(driver.id) &&
        !driver.resourceTypes.includes(resource.type)
      ) {
        problems.push(
          `${where}: resource definition "${definition.id}" uses driver "${
            driver.id
          }", which provisions ${driver.resourceTypes.join(', ')}, not ${
            resource.type
          }.`,
        );
        continue;
      }
      byId.set(resId, {
        resId,
        type: resource.type,
        class: resource.class ?? 'default',
        params: (resource.params ?? {}) as Record<string, unknown>,
        definition,
        driver,
        key: resourceKeyOf(target, resId),
        usedBy: [{ workload, name }],
        dependsOn: {},
        score: resource,
      });
    }
  }

  // Params may read other resources' outputs: those are provisioned first.
  for (const planned of byId.values()) {
    const { workload } = planned.usedBy[0];
    const local = names[workload];
    for (const text of stringsIn(planned.params)) {
      let placeholders;
      try {
        placeholders = findPlaceholders(text);
      } catch (error) {
        problems.push(
          `workload "${workload}", resource "${
            planned.usedBy[0].name
          }" params: ${(error as Error).message}`,
        );
        continue;
      }
      for (const { segments, expression } of placeholders) {
        const where = `workload "${workload}", resource "${planned.usedBy[0].name}" params: \${${expression}}`;
        if (segments[0] === 'metadata') continue;
        if (segments[0] !== 'resources' || segments.length !== 3) {
          problems.push(
            `${where} is not a placeholder params may hold (\${metadata.…} or \${resources.<name>.<output>}).`,
          );
          continue;
        }
        const dependency = local[segments[1]];
        if (dependency && defaultedIds.has(dependency)) {
          problems.push(
            `${where} reads a resource given by the built-in defaults, whose outputs are only known when rendering; give it a resource definition.`,
          );
          continue;
        }
        if (!dependency || !byId.has(dependency)) {
          problems.push(`${where} names no resource of this workload.`);
          continue;
        }
        const type = resourceTypeOf(byId.get(dependency)!.type);
        if (
          type &&
          !type.open &&
          !type.outputs.some(o => o.name === segments[2])
        ) {
          problems.push(
            `${where}: a ${type.type} resource has no output "${
              segments[2]
            }"; its outputs are: ${type.outputs.map(o => o.name).join(', ')}.`,
          );
          continue;
        }
        planned.dependsOn[segments[1]] = dependency;
      }
    }
  }

  // Dependency order; a cycle is a problem naming it.
  const ordered: PlannedResource[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (resId: string, path: string[]): void => {
    if (state.get(resId) === 'done') return;
    if (state.get(resId) === 'visiting') {
      const cycle = [...path.slice(path.indexOf(resId)), resId];
      problems.push(
        `Resources depend on each other in a cycle: ${cycle.join(' → ')}.`,
      );
      return;
    }
    state.set(resId, 'visiting');
    const planned = byId.get(resId)!;
    for (const dependency of Object.values(planned.dependsOn)) {
      visit(dependency, [...path, resId]);
    }
    state.set(resId, 'done');
    const { score: _score, ...rest } = planned;
    ordered.push(rest);
  };
  for (const resId of byId.keys()) visit(resId, []);

  if (problems.length > 0) return { problems };
  return { plan: { resources: ordered, names, defaulted }, problems };
}
