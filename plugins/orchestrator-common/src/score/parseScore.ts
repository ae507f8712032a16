import {
  Document,
  isMap,
  isNode,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  Node,
  parseAllDocuments,
} from 'yaml';
import type { z } from 'zod/v4';
import { keyPath } from './keyPath';
import { checkPlaceholders } from './placeholders';
import { ScoreWorkload, scoreWorkloadSchema } from './scoreSchema';

/**
 * One thing wrong with a Score file: where, and what was expected.
 * @public
 */
export interface ScoreProblem {
  /** The file (or other source) the workload came from. */
  file: string;
  /** 1-based line and column of the offending key or value. */
  line: number;
  column: number;
  /** The key path, such as `containers.api.variables.PORT`; empty for the whole file. */
  key: string;
  /** What is wrong and what was expected. */
  message: string;
}

/**
 * What {@link parseScore} read: the workload when it is valid, and every
 * problem otherwise.
 * @public
 */
export interface ParsedScore {
  workload?: ScoreWorkload;
  problems: ScoreProblem[];
}

/** Score files are small; a bigger one is refused unread. */
const MAX_BYTES = 1024 * 1024;

/**
 * `file:line:column: key: message`, one line per problem, as compilers
 * print them (editors jump to the place).
 * @public
 */
export function formatScoreProblem(problem: ScoreProblem): string {
  const where = `${problem.file}:${problem.line}:${problem.column}`;
  return problem.key
    ? `${where}: ${problem.key}: ${problem.message}`
    : `${where}: ${problem.message}`;
}

/**
 * Where a path lands in the document: the value's node, or with
 * `atKey` the key's (for a bad key name); the nearest existing parent when
 * the path goes further than the document (a missing key).
 */
function nodeAt(
  doc: Document,
  path: readonly PropertyKey[],
  atKey: boolean,
): Node | undefined {
  let node: unknown = doc.contents;
  let keyNode: unknown;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find(
        item =>
          isPair(item) &&
          (isScalar(item.key) ? item.key.value : item.key) === segment,
      );
      if (!pair) break;
      keyNode = pair.key;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment];
      if (!item) break;
      keyNode = item;
      node = item;
    } else {
      break;
    }
  }
  const found = atKey && keyNode ? keyNode : node ?? keyNode;
  return isNode(found) ? found : undefined;
}

function position(
  lineCounter: LineCounter,
  node: Node | undefined,
): { line: number; column: number } {
  const offset = node?.range?.[0] ?? 0;
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}

/** Whether the path names something present in the value. */
function isPresent(value: unknown, path: readonly PropertyKey[]): boolean {
  let current: unknown = value;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return false;
    if (!Object.prototype.hasOwnProperty.call(current, segment)) return false;
    current = (current as Record<PropertyKey, unknown>)[segment];
  }
  return current !== undefined;
}

/** The issue's sentence, and the path it belongs to. */
function describeIssue(
  issue: z.core.$ZodIssue,
  value: unknown,
): {
  path: PropertyKey[];
  message: string;
  atKey: boolean;
}[] {
  const path = [...issue.path];
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map(key => ({
      path: [...path, key],
      message: `is not a Score field here${suggestion(path)}`,
      atKey: true,
    }));
  }
  if (issue.code === 'invalid_key') {
    const inner = issue.issues[0];
    return [
      {
        path,
        message: inner ? `name ${inner.message}` : issue.message,
        atKey: true,
      },
    ];
  }
  if (issue.code === 'invalid_type' && !isPresent(value, path)) {
    return [{ path, message: 'is required', atKey: false }];
  }
  return [{ path, message: issue.message, atKey: false }];
}

/** Where the allowed fields are listed, for an unknown key. */
function suggestion(path: readonly PropertyKey[]): string {
  const where = path.length === 0 ? 'at the top level' : `in ${keyPath(path)}`;
  return ` (see the Score specification for the fields allowed ${where})`;
}

/**
 * Reads a Score workload file (YAML or JSON) and checks it against the
 * Score specification (`score.dev/v1b1`). Every problem names the file, the
 * line and column, and the key.
 *
 * @example
 * ```ts
 * const { workload, problems } = parseScore(text, 'services/cart/score.yaml');
 * problems.forEach(p => console.error(formatScoreProblem(p)));
 * // services/cart/score.yaml:7:9: containers.api.variables.PORT: must be a text (quote numbers and booleans)
 * ```
 * @public
 */
export function parseScore(text: string, file: string): ParsedScore {
  const problem = (
    message: string,
    at = { line: 1, column: 1 },
    key = '',
  ): ScoreProblem => ({ file, ...at, key, message });
  if (text.length > MAX_BYTES) {
    return {
      problems: [problem(`is larger than ${MAX_BYTES / 1024} KiB`)],
    };
  }
  if (text.trim() === '') {
    return { problems: [problem('is empty: a Score workload is expected')] };
  }

  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, prettyErrors: false });
  if (!Array.isArray(docs)) {
    return { problems: [problem('is empty: a Score workload is expected')] };
  }
  const syntax = docs.flatMap(doc => doc.errors);
  if (syntax.length > 0) {
    return {
      problems: syntax.map(error => {
        const { line, col } = lineCounter.linePos(error.pos[0]);
        return problem(`is not valid YAML: ${error.message.split('\n')[0]}`, {
          line,
          column: col,
        });
      }),
    };
  }
  if (docs.length > 1) {
    const second = position(lineCounter, docs[1].contents ?? undefined);
    return {
      problems: [
        problem(
          `holds ${docs.length} documents; a Score file holds one workload`,
          second,
        ),
      ],
    };
  }

  const doc = docs[0];
  const value = doc.toJS({ maxAliasCount: 100 });
  const result = scoreWorkloadSchema.safeParse(value);
  if (result.success) {
    const unresolvable = checkPlaceholders(result.data).map(p =>
      problem(
        p.message,
        position(lineCounter, nodeAt(doc, p.path, false)),
        p.key,
      ),
    );
    return unresolvable.length > 0
      ? { problems: unresolvable }
      : { workload: result.data, problems: [] };
  }
  const problems = result.error.issues.flatMap(issue =>
    describeIssue(issue, value).map(({ path, message, atKey }) =>
      problem(
        message,
        position(lineCounter, nodeAt(doc, path, atKey)),
        keyPath(path),
      ),
    ),
  );
  problems.sort((a, b) => a.line - b.line || a.column - b.column);
  return { problems };
}
