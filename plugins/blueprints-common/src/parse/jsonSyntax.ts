/*
 * Finds where a text stops being JSON, and says why, in words a person who
 * pasted a blueprint from a web page understands. Used only after JSON.parse
 * failed: JSON.parse is fast but its messages and positions differ between
 * Node versions, so the position is computed here, by a small scanner that
 * follows RFC 8259.
 */

/**
 * Where a text stops being JSON: the index of the offending character (or
 * the text's length when it ends too early) and what is wrong there.
 * @public
 */
export interface JsonSyntaxError {
  index: number;
  message: string;
}

/**
 * A line and column, both counted from 1, of an index into a text. A line
 * ends at `\n`, `\r\n` or `\r`; columns count UTF-16 code units, as editors
 * and JavaScript string positions do.
 * @public
 */
export function lineColumnAt(
  text: string,
  index: number,
): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(index, text.length);
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 /* \n */) {
      line++;
      lineStart = i + 1;
    } else if (c === 13 /* \r */) {
      if (text.charCodeAt(i + 1) === 10 && i + 1 < end) {
        i++;
      }
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: index - lineStart + 1 };
}

/** Typographic quotes word processors and web pages put where `"` belongs. */
const TYPOGRAPHIC_QUOTES: Record<string, true> = {
  '\u201c': true, // “
  '\u201d': true, // ”
  '\u2018': true, // ‘
  '\u2019': true, // ’
  '\u201e': true, // „
  '\u00ab': true, // «
  '\u00bb': true, // »
};

/** Invisible characters that are worth naming in a message. */
const CHARACTER_NAMES: Record<number, string> = {
  0x09: 'tab',
  0x0a: 'line break',
  0x0d: 'carriage return',
  0xa0: 'no-break space',
  0x200b: 'zero-width space',
  0x2028: 'line separator',
  0x2029: 'paragraph separator',
  0xfeff: 'byte order mark',
};

function codePointLabel(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * A character as a message shows it: `x (U+0078)`, or only its code point
 * and name when it is invisible.
 */
function describeCharacter(text: string, index: number): string {
  const codePoint = text.codePointAt(index) ?? 0;
  const name = CHARACTER_NAMES[codePoint];
  if (name) {
    return `${codePointLabel(codePoint)} (${name})`;
  }
  if (codePoint < 0x20 || (codePoint >= 0x7f && codePoint <= 0x9f)) {
    return `control character ${codePointLabel(codePoint)}`;
  }
  return `${String.fromCodePoint(codePoint)} (${codePointLabel(codePoint)})`;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isHexDigit(c: number): boolean {
  return isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

/** The JSON literal (`true`, `false`, `null`) that starts at `index`, if any. */
function literalAt(text: string, index: number): string | undefined {
  for (const word of ['true', 'false', 'null']) {
    if (text.startsWith(word, index)) return word;
  }
  return undefined;
}

const OBJECT = 0;
const ARRAY = 1;

/** What the scanner expects next. */
enum Expect {
  /** A value: at the root, after `:` or after `,` in an array. */
  Value,
  /** A value or `]`, right after `[`. */
  ValueOrArrayEnd,
  /** A property name or `}`, right after `{`. */
  KeyOrObjectEnd,
  /** A property name, after `,` in an object. */
  Key,
  /** `:` after a property name. */
  Colon,
  /** `,` or the end of the innermost container, or the end of the text. */
  AfterValue,
}

/**
 * Scans `text` as JSON and returns where it stops being JSON, or `undefined`
 * when it is valid JSON. Iterative, so deeply nested input cannot overflow
 * the stack.
 * @public
 */
export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  const n = text.length;
  // Containers that are open, and where each was opened (for messages).
  const kinds: number[] = [];
  const openedAt: number[] = [];
  let expect: Expect = Expect.Value;
  // Whether the current Value/Key expectation follows a comma.
  let afterComma = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;

  const where = (index: number) => {
    const { line, column } = lineColumnAt(text, index);
    return `${line}:${column}`;
  };

  const expectation = (): string => {
    switch (expect) {
      case Expect.Value:
        return 'a value';
      case Expect.ValueOrArrayEnd:
        return 'a value or ]';
      case Expect.KeyOrObjectEnd:
        return 'a property name in double quotes or }';
      case Expect.Key:
        return 'a property name in double quotes';
      case Expect.Colon:
        return ': after the property name';
      default:
        if (kinds.length === 0) {
          return 'the end of the document';
        }
        return kinds[kinds.length - 1] === OBJECT ? ', or }' : ', or ]';
    }
  };

  /** The message for an unexpected character at `at`. */
  const unexpected = (at: number): JsonSyntaxError => {
    const ch = text[at];
    if (TYPOGRAPHIC_QUOTES[ch]) {
      return {
        index: at,
        message: `typographic quote ${ch} (${codePointLabel(
          ch.charCodeAt(0),
        )}) where JSON needs a straight double quote "`,
      };
    }
    if (ch === "'") {
      return {
        index: at,
        message: `single quote ' where JSON needs a double quote "`,
      };
    }
    if (ch === '/' && (text[at + 1] === '/' || text[at + 1] === '*')) {
      return { index: at, message: 'comment; JSON allows no comments' };
    }
    if (afterComma && (ch === '}' || ch === ']')) {
      return {
        index: at,
        message: `trailing comma before ${ch}; JSON allows no comma after the last ${
          ch === '}' ? 'property' : 'item'
        }`,
      };
    }
    if (expect === Expect.AfterValue && kinds.length === 0) {
      return {
        index: at,
        message: `unexpected ${describeCharacter(
          text,
          at,
        )} after the end of the JSON value`,
      };
    }
    return {
      index: at,
      message: `unexpected ${describeCharacter(
        text,
        at,
      )}; expected ${expectation()}`,
    };
  };

  const endOfText = (): JsonSyntaxError => {
    if (kinds.length > 0) {
      const open = openedAt[openedAt.length - 1];
      const closer = kinds[kinds.length - 1] === OBJECT ? '}' : ']';
      return {
        index: n,
        message: `document ends before the closing ${closer} of the ${
          closer === '}' ? 'object' : 'array'
        } opened at ${where(open)}; expected ${expectation()}`,
      };
    }
    return {
      index: n,
      message: `document ends too early; expected ${expectation()}`,
    };
  };

  /** Scans a string starting at the `"` at `start`; returns the index after it. */
  const scanString = (start: number): number | JsonSyntaxError => {
    let j = start + 1;
    // A typographic quote inside a straight-quoted string is most likely
    // where the string was meant to end.
    let typographic = -1;
    const failAt = (index: number, message: string): JsonSyntaxError =>
      typographic >= 0 ? unexpected(typographic) : { index, message };
    while (j < n) {
      const c = text.charCodeAt(j);
      if (c === 34 /* " */) {
        return j + 1;
      }
      if (c === 92 /* \ */) {
        const e = text[j + 1];
        if (e === undefined) {
          break;
        }
        if (e === 'u') {
          for (let k = 2; k < 6; k++) {
            if (!isHexDigit(text.charCodeAt(j + k))) {
              return failAt(
                j,
                'invalid \\u escape; expected \\u and 4 hex digits',
              );
            }
          }
          j += 6;
          continue;
        }
        if ('"\\/bfnrt'.indexOf(e) < 0) {
          return failAt(
            j,
            `invalid escape \\${e}; JSON allows \\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX`,
          );
        }
        j += 2;
        continue;
      }
      if (c < 0x20) {
        if (c === 10 || c === 13) {
          return failAt(
            j,
            `line break inside the string opened at ${where(
              start,
            )}; close the string before the line ends, or write \\n`,
          );
        }
        return failAt(
          j,
          `${describeCharacter(
            text,
            j,
          )} inside a string; JSON needs it escaped (for a tab, \\t)`,
        );
      }
      if (typographic < 0 && TYPOGRAPHIC_QUOTES[text[j]]) {
        typographic = j;
      }
      j++;
    }
    return failAt(n, `unterminated string opened at ${where(start)}`);
  };

  /** Scans a number starting at `start`; returns the index after it. */
  const scanNumber = (start: number): number | JsonSyntaxError => {
    let j = start;
    if (text.charCodeAt(j) === 45 /* - */) {
      j++;
      if (!isDigit(text.charCodeAt(j))) {
        return j < n
          ? {
              index: j,
              message: `unexpected ${describeCharacter(
                text,
                j,
              )}; expected a digit after -`,
            }
          : { index: n, message: 'document ends too early; expected a digit' };
      }
    }
    if (text.charCodeAt(j) === 48 /* 0 */) {
      j++;
      if (isDigit(text.charCodeAt(j))) {
        return {
          index: j,
          message:
            'number with a leading zero; JSON numbers may not start with 0',
        };
      }
    } else {
      while (isDigit(text.charCodeAt(j))) j++;
    }
    if (text.charCodeAt(j) === 46 /* . */) {
      j++;
      if (!isDigit(text.charCodeAt(j))) {
        return {
          index: j,
          message: 'expected a digit after the decimal point',
        };
      }
      while (isDigit(text.charCodeAt(j))) j++;
    }
    const e = text.charCodeAt(j);
    if (e === 101 /* e */ || e === 69 /* E */) {
      j++;
      const sign = text.charCodeAt(j);
      if (sign === 43 /* + */ || sign === 45 /* - */) j++;
      if (!isDigit(text.charCodeAt(j))) {
        return { index: j, message: 'expected a digit in the exponent' };
      }
      while (isDigit(text.charCodeAt(j))) j++;
    }
    return j;
  };

  for (;;) {
    // JSON whitespace: space, tab, line feed, carriage return.
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) {
        i++;
      } else {
        break;
      }
    }
    if (i >= n) {
      if (expect === Expect.AfterValue && kinds.length === 0) {
        return undefined;
      }
      return endOfText();
    }
    const ch = text[i];

    switch (expect) {
      case Expect.Value:
      case Expect.ValueOrArrayEnd: {
        if (ch === ']' && expect === Expect.ValueOrArrayEnd) {
          kinds.pop();
          openedAt.pop();
          i++;
          expect = Expect.AfterValue;
          afterComma = false;
          continue;
        }
        if (ch === '{') {
          kinds.push(OBJECT);
          openedAt.push(i);
          i++;
          expect = Expect.KeyOrObjectEnd;
          afterComma = false;
          continue;
        }
        if (ch === '[') {
          kinds.push(ARRAY);
          openedAt.push(i);
          i++;
          expect = Expect.ValueOrArrayEnd;
          afterComma = false;
          continue;
        }
        if (ch === '"') {
          const r = scanString(i);
          if (typeof r !== 'number') return r;
          i = r;
          expect = Expect.AfterValue;
          afterComma = false;
          continue;
        }
        if (ch === '-' || isDigit(text.charCodeAt(i))) {
          const r = scanNumber(i);
          if (typeof r !== 'number') return r;
          i = r;
          expect = Expect.AfterValue;
          afterComma = false;
          continue;
        }
        const literal = literalAt(text, i);
        if (literal) {
          i += literal.length;
          expect = Expect.AfterValue;
          afterComma = false;
          continue;
        }
        return unexpected(i);
      }
      case Expect.KeyOrObjectEnd:
      case Expect.Key: {
        if (ch === '}' && expect === Expect.KeyOrObjectEnd) {
          kinds.pop();
          openedAt.pop();
          i++;
          expect = Expect.AfterValue;
          afterComma = false;
          continue;
        }
        if (ch === '"') {
          const r = scanString(i);
          if (typeof r !== 'number') return r;
          i = r;
          expect = Expect.Colon;
          afterComma = false;
          continue;
        }
        return unexpected(i);
      }
      case Expect.Colon: {
        if (ch === ':') {
          i++;
          expect = Expect.Value;
          continue;
        }
        return unexpected(i);
      }
      default: {
        // AfterValue
        if (kinds.length === 0) {
          return unexpected(i);
        }
        const kind = kinds[kinds.length - 1];
        if (ch === ',') {
          i++;
          expect = kind === OBJECT ? Expect.Key : Expect.Value;
          afterComma = true;
          continue;
        }
        if ((kind === OBJECT && ch === '}') || (kind === ARRAY && ch === ']')) {
          kinds.pop();
          openedAt.pop();
          i++;
          expect = Expect.AfterValue;
          afterComma = false;
          continue;
        }
        return unexpected(i);
      }
    }
  }
}
