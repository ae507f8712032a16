/*
 * Checks that span blueprints: identifiers are unique, relations and
 * aggregations point at blueprints that exist, mirror paths and inherited
 * ownership paths lead somewhere. And the rule "never half-applied": a
 * blueprint that is invalid, or that depends on one that is, is left out
 * whole.
 *
 * Relations may form cycles (Component → Component, System → Domain →
 * System): Port accepts them, and so does this file. What may not loop is a
 * mirror property that, through other mirrors, reads itself, and ownership
 * that is inherited in a circle.
 */

import { isWarning, jsonPointer } from '../problems';
import type { Problem } from '../problems';
import type { Blueprint } from './types';
import { META_PROPERTIES, propertyTypeOf } from './portFormat';
import { validateBlueprint } from './validateBlueprint';
import { describeValue, isObject, listOf } from '../internal/messages';
import { hasOwn, ownValue } from '../internal/objects';

/**
 * A valid blueprint and where it came from.
 * @public
 */
export interface BlueprintSource {
  blueprint: Blueprint;
  /** The file, URL or catalog entity it came from. */
  source: string;
  /** Where it sits in its document (`/2`), when the document holds several. */
  pointer?: string;
}

/**
 * A blueprint as read from a document, not yet validated.
 * @public
 */
export interface BlueprintInput {
  blueprint: unknown;
  source: string;
  pointer?: string;
}

/**
 * What {@link resolveBlueprintSet} keeps and why it dropped the rest.
 * @public
 */
export interface ResolvedBlueprintSet {
  /** The blueprints to apply, in input order: valid, and depending only on valid ones. */
  valid: Blueprint[];
  /** Everything wrong, including why a valid blueprint was left out. */
  problems: Problem[];
}

type Segment = string | number;

interface Finding {
  /** Index of the blueprint the problem belongs to. */
  index: number;
  problem: Problem;
}

/** Meta-properties that hold a date, usable as an aggregation's `measureTimeBy`. */
const DATE_META_PROPERTIES = ['$createdAt', '$updatedAt'];

function has(object: object | undefined, key: string): boolean {
  return hasOwn(object, key);
}

function keysOf(object: object | undefined): string[] {
  return object ? Object.keys(object) : [];
}

/** `(known: A, B)` or a near miss (`did you mean "System"?`) for an unknown identifier. */
function suggestion(identifier: string, known: Iterable<string>): string {
  const all = [...known];
  const near = all.find(k => k.toLowerCase() === identifier.toLowerCase());
  if (near) {
    return ` (did you mean "${near}"?)`;
  }
  if (all.length === 0) {
    return '';
  }
  return all.length <= 12
    ? ` (known blueprints: ${listOf(all)})`
    : ` (${all.length} blueprints are known)`;
}

/** `Component.owner`: a mirror property as a cycle message names it. */
function mirrorName(blueprint: Blueprint, key: string): string {
  return `${blueprint.identifier}.${key}`;
}

class SetChecker {
  readonly findings: Finding[] = [];
  /** The first definition of each identifier. */
  readonly byId = new Map<string, Blueprint>();
  private readonly firstIndex = new Map<string, number>();

  constructor(
    private readonly entries: BlueprintSource[],
    /** Identifiers that exist but are invalid: no "unknown blueprint" for them. */
    private readonly invalid: ReadonlySet<string>,
  ) {
    entries.forEach((entry, index) => {
      const id = entry.blueprint.identifier;
      if (!this.byId.has(id)) {
        this.byId.set(id, entry.blueprint);
        this.firstIndex.set(id, index);
      }
    });
  }

  add(index: number, segments: Segment[], message: string) {
    const entry = this.entries[index];
    this.findings.push({
      index,
      problem: {
        source: entry.source,
        pointer: (entry.pointer ?? '') + jsonPointer(...segments),
        message,
      },
    });
  }

  private known(identifier: string): boolean {
    return this.byId.has(identifier) || this.invalid.has(identifier);
  }

  run() {
    this.entries.forEach((entry, index) => {
      const first = this.firstIndex.get(entry.blueprint.identifier)!;
      if (first !== index) {
        const other = this.entries[first];
        this.add(
          index,
          ['identifier'],
          `blueprint "${entry.blueprint.identifier}" is defined twice: in ${
            other.source
          }${other.pointer ? ` at ${other.pointer}` : ''} and in ${
            entry.source
          }${entry.pointer ? ` at ${entry.pointer}` : ''}`,
        );
      }
      this.checkRelations(entry.blueprint, index);
      this.checkMirrors(entry.blueprint, index);
      this.checkAggregations(entry.blueprint, index);
      this.checkOwnership(entry.blueprint, index);
    });
    return this.findings;
  }

  private checkRelations(blueprint: Blueprint, index: number) {
    for (const [key, relation] of Object.entries(blueprint.relations ?? {})) {
      if (!this.known(relation.target)) {
        this.add(
          index,
          ['relations', key, 'target'],
          `relation "${key}" points to blueprint "${
            relation.target
          }", which does not exist${suggestion(
            relation.target,
            this.byId.keys(),
          )}`,
        );
      }
    }
  }

  /**
   * Follows `relations` through blueprints; returns the blueprint reached,
   * or a message saying where the walk stopped (undefined message: stopped
   * at a blueprint that is invalid, which is reported on its own).
   */
  private follow(
    start: Blueprint,
    relationKeys: string[],
    path: string,
  ): { blueprint?: Blueprint; message?: string } {
    let current = start;
    for (const key of relationKeys) {
      const relation = ownValue(current.relations, key);
      if (!relation) {
        const known = keysOf(current.relations);
        return {
          message: `path ${describeValue(
            path,
          )}: "${key}" is not a relation of blueprint ${current.identifier}${
            known.length
              ? ` (relations: ${listOf(known)})`
              : ' (it has no relations)'
          }`,
        };
      }
      const next = this.byId.get(relation.target);
      if (!next) {
        return {};
      }
      current = next;
    }
    return { blueprint: current };
  }

  private checkMirrors(blueprint: Blueprint, index: number) {
    for (const key of keysOf(blueprint.mirrorProperties)) {
      const trouble = this.resolveMirror(blueprint, key, []);
      if (trouble) {
        this.add(index, ['mirrorProperties', key, 'path'], trouble.message);
      }
    }
  }

  /**
   * Resolves a mirror property to its final property; returns what is
   * wrong, if anything. `chain` holds the mirrors being resolved, to catch
   * a mirror that (through others) reads itself.
   */
  private resolveMirror(
    blueprint: Blueprint,
    key: string,
    chain: string[],
  ): { message: string; cycle?: boolean } | undefined {
    const mirror = ownValue(blueprint.mirrorProperties, key);
    if (!mirror) {
      return undefined;
    }
    const name = mirrorName(blueprint, key);
    const at = chain.indexOf(name);
    if (at >= 0) {
      const cycle = [...chain.slice(at), name].join(' → ');
      return {
        cycle: true,
        message:
          at === 0
            ? `mirror cycle: ${cycle}; a mirror property cannot read itself`
            : `path leads into the mirror cycle ${cycle}`,
      };
    }
    const segments = mirror.path.split('.');
    if (segments.length < 2) {
      return undefined; // validateBlueprint reports it
    }
    const last = segments[segments.length - 1];
    const reached = this.follow(blueprint, segments.slice(0, -1), mirror.path);
    if (!reached.blueprint) {
      return reached.message ? { message: reached.message } : undefined;
    }
    const target = reached.blueprint;
    if (last.startsWith('$')) {
      return undefined; // meta-properties are checked by validateBlueprint
    }
    if (
      has(target.schema?.properties, last) ||
      has(target.calculationProperties, last) ||
      has(target.aggregationProperties, last)
    ) {
      return undefined;
    }
    if (has(target.mirrorProperties, last)) {
      const inner = this.resolveMirror(target, last, [...chain, name]);
      // Report cycles through this mirror; other trouble belongs to the
      // mirror that has it.
      return inner?.cycle ? inner : undefined;
    }
    const hint = has(target.relations, last)
      ? `; "${last}" is a relation, and a mirror path ends with a property (for the related entity's identifier, end with "${last}.$identifier")`
      : '';
    const known = [
      ...keysOf(target.schema?.properties),
      ...keysOf(target.mirrorProperties),
      ...keysOf(target.calculationProperties),
      ...keysOf(target.aggregationProperties),
    ];
    return {
      message: `path ${describeValue(mirror.path)}: blueprint ${
        target.identifier
      } has no property "${last}"${
        hint ||
        `; it has ${
          known.length ? `${listOf(known)}, and ` : ''
        }the meta-properties ${listOf(META_PROPERTIES)}`
      }`,
    };
  }

  private checkAggregations(blueprint: Blueprint, index: number) {
    for (const [key, aggregation] of Object.entries(
      blueprint.aggregationProperties ?? {},
    )) {
      const at = ['aggregationProperties', key];
      if (!this.known(aggregation.target)) {
        this.add(
          index,
          [...at, 'target'],
          `aggregation "${key}" aggregates blueprint "${
            aggregation.target
          }", which does not exist${suggestion(
            aggregation.target,
            this.byId.keys(),
          )}`,
        );
      }
      (aggregation.pathFilter ?? []).forEach((filter, i) => {
        if (filter.fromBlueprint && !this.known(filter.fromBlueprint)) {
          this.add(
            index,
            [...at, 'pathFilter', i, 'fromBlueprint'],
            `fromBlueprint "${filter.fromBlueprint}" does not exist${suggestion(
              filter.fromBlueprint,
              this.byId.keys(),
            )}`,
          );
        }
      });
      const target = this.byId.get(aggregation.target);
      const spec = aggregation.calculationSpec;
      if (!target || !isObject(spec)) continue;
      if (
        spec.calculationBy === 'property' &&
        typeof spec.property === 'string'
      ) {
        this.checkAggregatedProperty(target, spec.property, index, [
          ...at,
          'calculationSpec',
          'property',
        ]);
      }
      if ('measureTimeBy' in spec && typeof spec.measureTimeBy === 'string') {
        this.checkMeasureTimeBy(target, spec.measureTimeBy, index, [
          ...at,
          'calculationSpec',
          'measureTimeBy',
        ]);
      }
    }
  }

  private checkAggregatedProperty(
    target: Blueprint,
    property: string,
    index: number,
    at: Segment[],
  ) {
    // port-docs aggregation-property.md: "The property type must be a number."
    const schemaProperty = ownValue(target.schema?.properties, property);
    const calculation = ownValue(target.calculationProperties, property);
    if (schemaProperty || calculation) {
      const type = propertyTypeOf((schemaProperty ?? calculation)!);
      if (type !== 'number') {
        this.add(
          index,
          at,
          `property "${property}" of blueprint ${target.identifier} is ${
            type === 'array' || type === 'object' ? 'an' : 'a'
          } ${type}; aggregating by property needs a number property`,
        );
      }
      return;
    }
    if (
      has(target.aggregationProperties, property) ||
      has(target.mirrorProperties, property)
    ) {
      return;
    }
    const numbers = [
      ...Object.entries(target.schema?.properties ?? {}),
      ...Object.entries(target.calculationProperties ?? {}),
    ]
      .filter(([, p]) => p.type === 'number')
      .map(([k]) => k);
    this.add(
      index,
      at,
      `blueprint ${target.identifier} has no property "${property}"${
        numbers.length
          ? ` (its number properties: ${listOf(numbers)})`
          : ' (it has no number properties)'
      }`,
    );
  }

  private checkMeasureTimeBy(
    target: Blueprint,
    property: string,
    index: number,
    at: Segment[],
  ) {
    if (DATE_META_PROPERTIES.includes(property)) return;
    const schemaProperty = ownValue(target.schema?.properties, property);
    const calculation = ownValue(target.calculationProperties, property);
    const format = (schemaProperty ?? calculation)?.format;
    if (
      format === 'date-time' ||
      format === 'timer' ||
      has(target.mirrorProperties, property)
    ) {
      return;
    }
    this.add(
      index,
      at,
      `measureTimeBy "${property}" must be $createdAt, $updatedAt or a date-time property of blueprint ${
        target.identifier
      }${
        schemaProperty || calculation
          ? `; "${property}" is not a date-time`
          : ''
      }`,
    );
  }

  private checkOwnership(blueprint: Blueprint, index: number) {
    const ownership = blueprint.ownership;
    if (ownership?.type === 'Inherited' && typeof ownership.path === 'string') {
      const message = this.resolveOwnership(blueprint);
      if (message) {
        this.add(index, ['ownership', 'path'], message);
      }
    }
    const legacy = (blueprint as { teamInheritance?: { path?: unknown } })
      .teamInheritance;
    if (legacy && typeof legacy.path === 'string') {
      const reached = this.follow(
        blueprint,
        legacy.path.split('.'),
        legacy.path,
      );
      if (reached.message) {
        this.add(index, ['teamInheritance', 'path'], reached.message);
      }
    }
  }

  /** Follows inherited ownership until a blueprint that owns directly; reports loops. */
  private resolveOwnership(start: Blueprint): string | undefined {
    const chain: string[] = [start.identifier];
    let current = start;
    for (;;) {
      const ownership = current.ownership;
      if (
        ownership?.type !== 'Inherited' ||
        typeof ownership.path !== 'string'
      ) {
        return undefined;
      }
      const reached = this.follow(
        current,
        ownership.path.split('.'),
        ownership.path,
      );
      if (!reached.blueprint) {
        // Only the walk that starts here is this blueprint's to report.
        return current === start ? reached.message : undefined;
      }
      const next = reached.blueprint;
      const at = chain.indexOf(next.identifier);
      if (at >= 0) {
        return at === 0
          ? `ownership inheritance loops: ${[...chain, next.identifier].join(
              ' → ',
            )}; some blueprint on the way must own its entities directly`
          : undefined; // the loop is reported on the blueprints in it
      }
      chain.push(next.identifier);
      current = next;
    }
  }
}

/**
 * Checks blueprints against each other: identifiers are unique (the problem
 * names both sources); relation and aggregation targets and path-filter
 * blueprints exist; mirror paths resolve, every segment but the last a
 * relation followed to its target and the last a property, a mirror,
 * calculation or aggregation property or a meta-property of the blueprint
 * reached, and mirrors do not read themselves through other mirrors;
 * properties aggregated by property are numbers and `measureTimeBy` is a
 * date-time; inherited ownership paths resolve and do not loop.
 *
 * Relations that form cycles between blueprints are valid, as in Port.
 * Each blueprint is expected to have passed {@link validateBlueprint}.
 *
 * @public
 */
export function validateBlueprintSet(blueprints: BlueprintSource[]): Problem[] {
  return new SetChecker(blueprints, new Set())
    .run()
    .map(finding => finding.problem);
}

/**
 * The blueprints a blueprint needs to exist in order to mean anything,
 * with where each need is stated: relation and aggregation targets,
 * path-filter blueprints, and every blueprint a mirror or ownership path
 * passes through.
 */
function dependenciesOf(
  blueprint: Blueprint,
  byId: ReadonlyMap<string, Blueprint>,
): Array<{ identifier: string; segments: Segment[] }> {
  const needs: Array<{ identifier: string; segments: Segment[] }> = [];
  const walk = (path: string, segments: Segment[], dropLast: boolean) => {
    const keys = path.split('.');
    let current: Blueprint | undefined = blueprint;
    for (const key of dropLast ? keys.slice(0, -1) : keys) {
      const relation: { target: string } | undefined = ownValue(
        current?.relations,
        key,
      );
      if (!relation) return;
      needs.push({ identifier: relation.target, segments });
      current = byId.get(relation.target);
    }
  };
  for (const [key, relation] of Object.entries(blueprint.relations ?? {})) {
    needs.push({
      identifier: relation.target,
      segments: ['relations', key, 'target'],
    });
  }
  for (const [key, mirror] of Object.entries(
    blueprint.mirrorProperties ?? {},
  )) {
    walk(mirror.path, ['mirrorProperties', key, 'path'], true);
  }
  for (const [key, aggregation] of Object.entries(
    blueprint.aggregationProperties ?? {},
  )) {
    needs.push({
      identifier: aggregation.target,
      segments: ['aggregationProperties', key, 'target'],
    });
    (aggregation.pathFilter ?? []).forEach((filter, i) => {
      if (filter.fromBlueprint) {
        needs.push({
          identifier: filter.fromBlueprint,
          segments: [
            'aggregationProperties',
            key,
            'pathFilter',
            i,
            'fromBlueprint',
          ],
        });
      }
    });
  }
  if (blueprint.ownership?.type === 'Inherited') {
    walk(blueprint.ownership.path, ['ownership', 'path'], false);
  }
  return needs;
}

/**
 * The identifiers of the blueprints that cannot be applied when the
 * blueprints named in `invalid` are not: those, and every blueprint that
 * (transitively) has a relation to, mirrors through, aggregates, or
 * inherits ownership through one of them.
 *
 * @example
 * ```ts
 * // System is invalid: Component (relation system → System) goes with it,
 * // and API (relation provider → Component) with Component.
 * affectedBlueprints(blueprints, ['System']); // Set { 'System', 'Component', 'API' }
 * ```
 * @public
 */
export function affectedBlueprints(
  blueprints: Blueprint[],
  invalid: Iterable<string>,
): Set<string> {
  const byId = new Map(blueprints.map(b => [b.identifier, b] as const));
  const affected = new Set(invalid);
  // Who depends on whom, reversed, then a breadth-first walk from the
  // invalid ones: linear in the size of the set.
  const dependents = new Map<string, string[]>();
  for (const blueprint of blueprints) {
    for (const { identifier } of dependenciesOf(blueprint, byId)) {
      const list = dependents.get(identifier) ?? [];
      list.push(blueprint.identifier);
      dependents.set(identifier, list);
    }
  }
  const queue = [...affected];
  while (queue.length > 0) {
    const id = queue.shift()!;
    for (const dependent of dependents.get(id) ?? []) {
      if (!affected.has(dependent)) {
        affected.add(dependent);
        queue.push(dependent);
      }
    }
  }
  return affected;
}

/**
 * Validates blueprints one by one and as a set, and keeps only what can be
 * applied whole: a blueprint with a problem is left out, and so is every
 * blueprint that depends on one left out (a relation to it, a mirror or
 * ownership path through it, an aggregation over it), with a problem saying
 * why. A blueprint defined twice is left out in both places.
 *
 * @example
 * ```ts
 * const { valid, problems } = resolveBlueprintSet(
 *   files.map(f => ({ blueprint: f.value, source: f.path })),
 * );
 * registry.replaceAll(valid);
 * problems.forEach(p => logger.warn(formatProblem(p)));
 * ```
 * @public
 */
export function resolveBlueprintSet(
  inputs: BlueprintInput[],
): ResolvedBlueprintSet {
  const findings: Finding[] = [];
  const sound: Array<BlueprintSource & { index: number }> = [];
  const invalid = new Set<string>();
  inputs.forEach((input, index) => {
    const result = validateBlueprint(input.blueprint, input.source, {
      pointer: input.pointer,
    });
    for (const problem of result.problems) {
      findings.push({ index, problem });
    }
    if (result.blueprint) {
      sound.push({ ...input, blueprint: result.blueprint, index });
    } else if (
      isObject(input.blueprint) &&
      typeof input.blueprint.identifier === 'string'
    ) {
      invalid.add(input.blueprint.identifier);
    }
  });

  // A valid blueprint whose identifier an invalid one also claims: the
  // two are the same blueprint defined twice.
  for (const entry of sound) {
    if (invalid.has(entry.blueprint.identifier)) {
      findings.push({
        index: entry.index,
        problem: {
          source: entry.source,
          pointer: `${entry.pointer ?? ''}/identifier`,
          message: `blueprint "${entry.blueprint.identifier}" is defined twice; the other definition is invalid`,
        },
      });
    }
  }

  const checker = new SetChecker(sound, invalid);
  for (const finding of checker.run()) {
    findings.push({
      index: sound[finding.index].index,
      problem: finding.problem,
    });
  }

  // Identifiers that are out: invalid ones, duplicates, and those with a
  // set problem (a warning keeps nothing out); then everything that
  // depends on them.
  const failed = new Set(
    findings.filter(f => !isWarning(f.problem)).map(f => f.index),
  );
  const out = new Set(invalid);
  for (const entry of sound) {
    if (failed.has(entry.index)) {
      out.add(entry.blueprint.identifier);
    }
  }
  const byId = checker.byId;
  let changed = true;
  while (changed) {
    changed = false;
    for (const entry of sound) {
      if (out.has(entry.blueprint.identifier)) continue;
      const need = dependenciesOf(entry.blueprint, byId).find(d =>
        out.has(d.identifier),
      );
      if (need) {
        out.add(entry.blueprint.identifier);
        changed = true;
        findings.push({
          index: entry.index,
          problem: {
            source: entry.source,
            pointer: (entry.pointer ?? '') + jsonPointer(...need.segments),
            message: `blueprint "${entry.blueprint.identifier}" is not applied: it depends on blueprint "${need.identifier}", which is invalid`,
          },
        });
      }
    }
  }

  findings.sort((a, b) => a.index - b.index);
  return {
    valid: sound
      .filter(entry => !out.has(entry.blueprint.identifier))
      .map(entry => entry.blueprint),
    problems: findings.map(f => f.problem),
  };
}
