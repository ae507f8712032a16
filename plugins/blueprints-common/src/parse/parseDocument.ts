import { parseAllDocuments } from 'yaml';
import type { Problem } from '../problems';
import { findJsonSyntaxError, lineColumnAt } from './jsonSyntax';
import { errorMessage } from '../internal/messages';

/**
 * The largest document {@link parseDocument} reads by default: 5 MiB.
 * @public
 */
export const DEFAULT_MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;

/**
 * Options of {@link parseDocument}.
 * @public
 */
export interface ParseDocumentOptions {
  /** Larger documents are refused unread. Defaults to {@link DEFAULT_MAX_DOCUMENT_BYTES}. */
  maxBytes?: number;
  /**
   * Forces the syntax. By default a source ending in `.json` is JSON, one
   * ending in `.yaml` or `.yml` is YAML, and anything else is JSON when its
   * text starts with `{` or `[`, YAML otherwise.
   */
  format?: 'json' | 'yaml';
}

/**
 * What {@link parseDocument} read: the value when the document parses,
 * otherwise the problems (with `line:column` pointers).
 * @public
 */
export interface ParsedDocument {
  value?: unknown;
  problems: Problem[];
}

const MIB = 1024 * 1024;

/**
 * The UTF-8 size of a text, counted without allocating (TextEncoder would
 * copy a possibly huge text just to measure it).
 */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      bytes += 1;
    } else if (c < 0x800) {
      bytes += 2;
    } else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    } else {
      bytes += 3;
    }
  }
  return bytes;
}

/** A size as the limit message shows it: `5 MiB`, `512 KiB`, `100 bytes`. */
function formatLimit(bytes: number): string {
  if (bytes >= MIB && bytes % MIB === 0) {
    return `${bytes / MIB} MiB`;
  }
  if (bytes >= 1024 && bytes % 1024 === 0) {
    return `${bytes / 1024} KiB`;
  }
  if (bytes >= MIB) {
    return `${(bytes / MIB).toFixed(1)} MiB`;
  }
  return `${bytes} bytes`;
}

/** A document's size as the limit message shows it: `10.0 MiB`. */
function formatSize(bytes: number): string {
  if (bytes >= MIB) {
    return `${(bytes / MIB).toFixed(1)} MiB`;
  }
  if (bytes >= 1024) {
    return `${(bytes / 1024).toFixed(1)} KiB`;
  }
  return `${bytes} bytes`;
}

function isJson(text: string, source: string, options: ParseDocumentOptions) {
  if (options.format) {
    return options.format === 'json';
  }
  const lower = source.toLowerCase();
  if (lower.endsWith('.json')) {
    return true;
  }
  if (lower.endsWith('.yaml') || lower.endsWith('.yml')) {
    return false;
  }
  const first = /\S/.exec(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  return first !== null && (first[0] === '{' || first[0] === '[');
}

function parseJson(text: string, source: string): ParsedDocument {
  // A byte order mark is common in files saved on Windows; JSON.parse
  // rejects it, people do not see it.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return { value: JSON.parse(body), problems: [] };
  } catch (e) {
    const error = findJsonSyntaxError(text);
    if (!error) {
      // The scanner and JSON.parse disagree; keep JSON.parse's word.
      return {
        problems: [
          {
            source,
            pointer: '',
            message: `not valid JSON: ${errorMessage(e)}`,
          },
        ],
      };
    }
    const { line, column } = lineColumnAt(text, error.index);
    return {
      problems: [
        { source, pointer: `${line}:${column}`, message: error.message },
      ],
    };
  }
}

/** The yaml package's message without its own position and code excerpt. */
function yamlMessage(message: string): string {
  const cut = message.search(/ at line \d+, column \d+/);
  const first = (cut >= 0 ? message.slice(0, cut) : message).split('\n')[0];
  return first.trim();
}

function parseYaml(text: string, source: string): ParsedDocument {
  const documents = parseAllDocuments(text, { prettyErrors: true });
  const problems: Problem[] = [];
  const values: unknown[] = [];
  for (const document of documents) {
    // The first error of each document; the ones after it are most often
    // consequences of the first.
    const error = document.errors[0];
    if (error) {
      const position = error.linePos?.[0];
      problems.push({
        source,
        pointer: position ? `${position.line}:${position.col}` : '',
        message: yamlMessage(error.message),
      });
      continue;
    }
    try {
      // toJS refuses documents whose aliases expand past a limit
      // ("billion laughs"), which is what we want from untrusted input.
      const value = document.toJS({ maxAliasCount: 100 });
      if (value !== null && value !== undefined) {
        values.push(value);
      }
    } catch (e) {
      const start = document.range?.[0] ?? 0;
      const { line, column } = lineColumnAt(text, start);
      problems.push({
        source,
        pointer: `${line}:${column}`,
        message: errorMessage(e),
      });
    }
  }
  if (problems.length > 0) {
    return { problems };
  }
  if (values.length === 0) {
    return {
      problems: [{ source, pointer: '', message: 'document is empty' }],
    };
  }
  return { value: values.length === 1 ? values[0] : values, problems: [] };
}

/**
 * Reads a JSON or YAML document, saying exactly where it stops parsing.
 *
 * JSON errors point at the first offending character as `line:column` and
 * name it; typographic quotes (as pasted from a web page or a word
 * processor) get their own message. A YAML stream of several documents
 * gives an array of their values. A document larger than `maxBytes` is
 * refused unread.
 *
 * @example
 * ```ts
 * const { value, problems } = parseDocument(text, 'blueprints/Component.json');
 * // problems: [{ source: 'blueprints/Component.json', pointer: '2:3',
 * //   message: 'typographic quote “ (U+201C) where JSON needs a straight double quote "' }]
 * ```
 * @public
 */
export function parseDocument(
  text: string,
  source: string,
  options: ParseDocumentOptions = {},
): ParsedDocument {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_DOCUMENT_BYTES;
  // A UTF-16 unit is 1 to 3 UTF-8 bytes: only count when it matters.
  if (text.length * 3 > maxBytes) {
    const bytes = utf8Length(text);
    if (bytes > maxBytes) {
      return {
        problems: [
          {
            source,
            pointer: '',
            message: `document is ${formatSize(
              bytes,
            )}; the limit is ${formatLimit(maxBytes)}`,
          },
        ],
      };
    }
  }
  // trim() also removes a byte order mark.
  if (text.trim() === '') {
    return {
      problems: [{ source, pointer: '', message: 'document is empty' }],
    };
  }
  return isJson(text, source, options)
    ? parseJson(text, source)
    : parseYaml(text, source);
}
