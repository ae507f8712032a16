import {
  describeValue,
  Blueprint,
  jsonPointer,
  Problem,
} from '@plinth/plugin-blueprints-common';
import { checkScorecard } from './checkScorecard';
import { Scorecard } from './types';

/**
 * A document that holds scorecards, and where it came from (a file path, a
 * catalog entity ref, `api`).
 * @public
 */
export interface ScorecardDocument {
  source: string;
  value: unknown;
  /** Where the scorecards sit in a larger document (a catalog entity's `/spec`). */
  pointer?: string;
}

/**
 * A valid scorecard and where it was defined.
 * @public
 */
export interface SourcedScorecard {
  scorecard: Scorecard;
  source: string;
}

/**
 * What {@link loadScorecards} made of its documents.
 * @public
 */
export interface LoadedScorecards {
  scorecards: SourcedScorecard[];
  /** Every invalid definition, by source and pointer; those are left out. */
  problems: Problem[];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

/** An identifier as a problem names it: a long invalid one cut short. */
function shortened(identifier: string): string {
  return identifier.length > 100 ? `${identifier.slice(0, 97)}...` : identifier;
}

/**
 * The scorecards a document holds, each with its pointer: one scorecard, a
 * list of them, or Port's resource-file grouping
 * `[{"blueprint": ..., "data": [scorecards]}]`, whose scorecards take the
 * group's blueprint.
 */
function entriesOf(
  value: unknown,
  base: string,
): { entries: Array<{ raw: unknown; pointer: string }>; problem?: string } {
  const isGroup = (item: unknown) =>
    isObject(item) && 'data' in item && !('rules' in item);
  const fromGroup = (group: Record<string, unknown>, pointer: string) => {
    if (!Array.isArray(group.data)) {
      return [{ raw: group, pointer }];
    }
    return group.data.map((raw, i) => ({
      raw:
        isObject(raw) && raw.blueprint === undefined
          ? { ...raw, blueprint: group.blueprint }
          : raw,
      pointer: `${pointer}${jsonPointer('data', i)}`,
    }));
  };
  if (Array.isArray(value)) {
    return {
      entries: value.flatMap((item, i) =>
        isGroup(item)
          ? fromGroup(item as Record<string, unknown>, `${base}/${i}`)
          : [{ raw: item, pointer: `${base}/${i}` }],
      ),
    };
  }
  if (isGroup(value)) {
    return { entries: fromGroup(value as Record<string, unknown>, base) };
  }
  if (isObject(value)) return { entries: [{ raw: value, pointer: base }] };
  return {
    entries: [],
    problem:
      'expected a scorecard, a list of scorecards, or Port\'s grouped form [{"blueprint": ..., "data": [...]}]',
  };
}

/**
 * Reads scorecards from documents of any source, checks each against the
 * blueprints, and keeps the valid ones. An invalid scorecard is reported —
 * source, pointer, reason — and left out; the others are unaffected. A
 * scorecard identifier defined again in a later document is reported there.
 * @public
 */
export function loadScorecards(
  documents: ScorecardDocument[],
  blueprints: ReadonlyMap<string, Blueprint> | undefined,
): LoadedScorecards {
  const scorecards: SourcedScorecard[] = [];
  const problems: Problem[] = [];
  const seen = new Map<string, string>();
  for (const document of documents) {
    const { entries, problem } = entriesOf(
      document.value,
      document.pointer ?? '',
    );
    if (problem) {
      problems.push({
        source: document.source,
        pointer: document.pointer ?? '',
        message: problem,
      });
    }
    for (const { raw, pointer } of entries) {
      const found = checkScorecard(raw, blueprints, pointer);
      let identifier: string | undefined;
      if (isObject(raw)) {
        identifier =
          typeof raw.identifier === 'string'
            ? shortened(raw.identifier)
            : describeValue(raw.identifier);
      }
      if (found.length > 0) {
        problems.push(
          ...found.map(p => ({
            source: document.source,
            pointer: p.pointer,
            message: p.message,
            entity: identifier ? `Scorecard:${identifier}` : undefined,
          })),
        );
        continue;
      }
      const scorecard = raw as Scorecard;
      const first = seen.get(scorecard.identifier);
      if (first !== undefined) {
        problems.push({
          source: document.source,
          pointer: `${pointer}/identifier`,
          message: `scorecard "${scorecard.identifier}" is already defined in ${first}`,
          entity: `Scorecard:${scorecard.identifier}`,
        });
        continue;
      }
      seen.set(scorecard.identifier, document.source);
      scorecards.push({ scorecard, source: document.source });
    }
  }
  return { scorecards, problems };
}
