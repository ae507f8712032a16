import {
  describeValue,
  Blueprint,
  checkQuery,
  DESCRIPTION_MAX_LENGTH,
  freeTextProblem,
  IDENTIFIER_MAX_LENGTH,
  identifierProblem,
  isPrototypeKey,
  jsonPointer,
  queryValueType,
  TITLE_MAX_LENGTH,
} from '@plinth/plugin-blueprints-common';
import { DORA_SCORECARD_PROPERTIES } from './doraInputs';
import { DEFAULT_SCORECARD_LEVELS } from './types';

/**
 * One thing wrong with a scorecard definition, at a JSON pointer of its
 * document.
 * @public
 */
export interface ScorecardDefinitionProblem {
  pointer: string;
  message: string;
}

const THRESHOLD_OPERATORS = ['>', '>=', '<', '<='];

function isObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Checks the optional `title` and `description` of a definition (a
 * scorecard, a rule, a campaign): strings within Plinth's bounds.
 * @internal
 */
export function checkFreeText(
  raw: Record<string, unknown>,
  base: string,
  at: (pointer: string, message: string) => void,
) {
  for (const [field, max] of [
    ['title', TITLE_MAX_LENGTH],
    ['description', DESCRIPTION_MAX_LENGTH],
  ] as const) {
    if (raw[field] === undefined) continue;
    const reason = freeTextProblem(raw[field], max);
    if (reason) at(`${base}/${field}`, `${field} ${reason}`);
  }
}

/**
 * Why a level's title cannot name a level, or `undefined`: a level title is
 * shown and written as it is (spaces allowed), but it is also a key of the
 * level counts, so it is bounded like an identifier and may not be the name
 * of an `Object.prototype` property.
 */
function levelTitleProblem(title: string): string | undefined {
  if (title === '') return 'must not be empty';
  if (title.length > IDENTIFIER_MAX_LENGTH) {
    return `must be at most ${IDENTIFIER_MAX_LENGTH} characters long; got ${title.length}`;
  }
  if (isPrototypeKey(title)) {
    return `"${title}" is the name of a property every JavaScript object has (Object.prototype); choose another name`;
  }
  return undefined;
}

/**
 * Checks one scorecard definition: its shape (Port's format, and Plinth's
 * numeric rules), its levels, that every rule names one of them, and — when
 * the blueprints are given — that its blueprint exists and every condition
 * fits that blueprint. The scorecard's and its rules' identifiers follow
 * Port's identifier rule (`identifierProblem` of
 * `@plinth/plugin-blueprints-common`: Port's characters, at most 100, no
 * names of `Object.prototype`'s properties, no `.` or `..` path segment);
 * level titles are at most 100 characters and not such names; titles are
 * at most 200 characters, descriptions 2,000. Problems carry JSON pointers
 * under `pointer`.
 * @public
 */
export function checkScorecard(
  raw: unknown,
  blueprints: ReadonlyMap<string, Blueprint> | undefined,
  pointer = '',
): ScorecardDefinitionProblem[] {
  const problems: ScorecardDefinitionProblem[] = [];
  const at = (p: string, message: string) =>
    problems.push({ pointer: `${pointer}${p}`, message });

  if (!isObject(raw)) {
    at(
      '',
      'expected a scorecard: an object with identifier, blueprint and rules',
    );
    return problems;
  }
  const { identifier, blueprint: blueprintId, levels, rules, filter } = raw;
  const identifierReason = identifierProblem(identifier);
  if (identifierReason) {
    at('/identifier', `identifier ${identifierReason}`);
  }
  checkFreeText(raw, '', at);

  let blueprint: Blueprint | undefined;
  if (typeof blueprintId !== 'string' || blueprintId === '') {
    at('/blueprint', 'expected the identifier of a blueprint');
  } else if (identifierProblem(blueprintId)) {
    at('/blueprint', `blueprint ${identifierProblem(blueprintId)}`);
  } else if (blueprints) {
    blueprint = blueprints.get(blueprintId);
    if (!blueprint) {
      at(
        '/blueprint',
        `no blueprint "${blueprintId}"; known blueprints: ${
          [...blueprints.keys()].sort().join(', ') || 'none'
        }`,
      );
    }
  }

  // Levels: titled, distinct; the first is the default.
  let levelTitles = DEFAULT_SCORECARD_LEVELS.map(l => l.title);
  if (levels !== undefined) {
    if (!Array.isArray(levels) || levels.length === 0) {
      at('/levels', 'expected a non-empty list of levels ({title, color})');
    } else {
      levelTitles = [];
      levels.forEach((level, i) => {
        if (!isObject(level) || typeof level.title !== 'string') {
          at(jsonPointer('levels', i), 'expected a level: {title, color}');
          return;
        }
        const titleReason = levelTitleProblem(level.title);
        if (titleReason) {
          at(jsonPointer('levels', i, 'title'), `level title ${titleReason}`);
        } else if (levelTitles.includes(level.title)) {
          at(
            jsonPointer('levels', i, 'title'),
            `level "${level.title}" is listed twice`,
          );
        }
        if (typeof level.color !== 'string') {
          at(
            jsonPointer('levels', i, 'color'),
            'expected a colour (a Port colour name such as "gold", or a CSS colour)',
          );
        } else if (level.color.length > IDENTIFIER_MAX_LENGTH) {
          at(
            jsonPointer('levels', i, 'color'),
            `color must be at most ${IDENTIFIER_MAX_LENGTH} characters long; got ${level.color.length}`,
          );
        }
        levelTitles.push(level.title);
      });
    }
  }

  if (filter !== undefined && blueprint) {
    for (const p of checkQuery(
      filter,
      blueprint,
      '/filter',
      DORA_SCORECARD_PROPERTIES,
    )) {
      at(p.pointer, p.message);
    }
  } else if (filter !== undefined && !isObject(filter)) {
    at('/filter', 'expected a query: {combinator, conditions}');
  }

  if (!Array.isArray(rules)) {
    at('/rules', 'expected a list of rules');
    return problems;
  }
  const seen = new Set<string>();
  rules.forEach((rule, i) => {
    const base = jsonPointer('rules', i);
    if (!isObject(rule)) {
      at(base, 'expected a rule: {identifier, title, level, query}');
      return;
    }
    const ruleReason = identifierProblem(rule.identifier);
    if (ruleReason) {
      at(`${base}/identifier`, `rule identifier ${ruleReason}`);
    } else if (seen.has(rule.identifier as string)) {
      at(`${base}/identifier`, `rule "${rule.identifier}" is defined twice`);
    } else {
      seen.add(rule.identifier as string);
    }
    checkFreeText(rule, base, at);
    if (rule.level === undefined) {
      at(
        base,
        `rule has no "level"; expected one of ${levelTitles
          .slice(1)
          .join(', ')}`,
      );
    } else if (
      typeof rule.level !== 'string' ||
      !levelTitles.includes(rule.level)
    ) {
      at(
        `${base}/level`,
        `level ${describeValue(
          rule.level,
        )} is not one of the scorecard's levels (${levelTitles.join(', ')})`,
      );
    } else if (rule.level === levelTitles[0]) {
      at(
        `${base}/level`,
        `"${
          rule.level
        }" is the starting level every entity has; a rule belongs to a level above it (${levelTitles
          .slice(1)
          .join(', ')})`,
      );
    }

    const hasQuery = rule.query !== undefined;
    const hasThreshold = rule.threshold !== undefined;
    if (hasQuery === hasThreshold) {
      at(
        base,
        'a rule has either a "query" (Port conditions) or a "threshold" (a number property against a value), not both or neither',
      );
    } else if (hasQuery) {
      if (blueprint) {
        for (const p of checkQuery(
          rule.query,
          blueprint,
          `${base}/query`,
          DORA_SCORECARD_PROPERTIES,
        )) {
          at(p.pointer, p.message);
        }
      } else if (!isObject(rule.query)) {
        at(`${base}/query`, 'expected a query: {combinator, conditions}');
      }
    } else {
      checkThreshold(rule.threshold, `${base}/threshold`);
    }
  });

  function checkThreshold(threshold: unknown, base: string) {
    if (!isObject(threshold)) {
      at(base, 'expected {property, operator, value}');
      return;
    }
    if (typeof threshold.property !== 'string') {
      at(`${base}/property`, 'expected the key of a number property');
    } else if (blueprint) {
      const type = queryValueType(
        blueprint,
        threshold.property,
        DORA_SCORECARD_PROPERTIES,
      );
      if (type === undefined) {
        at(
          `${base}/property`,
          `blueprint "${blueprint.identifier}" has no property "${threshold.property}"`,
        );
      } else if (type !== 'number' && type !== 'unknown') {
        at(
          `${base}/property`,
          `"${threshold.property}" holds a ${type}; a threshold needs a number property`,
        );
      }
    }
    if (
      typeof threshold.operator !== 'string' ||
      !THRESHOLD_OPERATORS.includes(threshold.operator)
    ) {
      at(
        `${base}/operator`,
        `unknown operator ${describeValue(
          threshold.operator,
        )}; expected one of ${THRESHOLD_OPERATORS.join(', ')}`,
      );
    }
    if (typeof threshold.value !== 'number' || !isFinite(threshold.value)) {
      at(
        `${base}/value`,
        `expected a number; got ${describeValue(threshold.value)}`,
      );
    }
  }

  return problems;
}
