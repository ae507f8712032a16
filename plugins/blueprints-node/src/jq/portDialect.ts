/*
 * Port's jq dialect: Port's documentation writes string literals in single
 * quotes (`'https://datadog.com/' + .identifier`,
 * `.properties.'prop-with-special-char'`), which jq itself rejects. Port's
 * own binding (@port-labs/jq-node-bindings) turns them into double quotes
 * with a regular expression on the whole program text, which also rewrites
 * quotes inside double-quoted strings (`"rock 'n' roll"` no longer compiles)
 * and misses a quote right after a dot (the documented
 * `.properties.'prop-with-special-char'`).
 *
 * Here the program is scanned as jq's lexer would: a single-quoted literal
 * outside strings and comments becomes the double-quoted literal with the
 * same text. A program with no single quote outside strings and comments —
 * every valid jq program — is returned unchanged.
 */

class Scanner {
  private out = '';
  private i = 0;

  constructor(private readonly text: string) {}

  convert(): string {
    this.code(false);
    return this.out;
  }

  /** Program text; inside an interpolation, up to its closing parenthesis. */
  private code(interpolation: boolean) {
    const text = this.text;
    let depth = 0;
    while (this.i < text.length) {
      const c = text[this.i];
      if (c === '"') {
        this.i++;
        this.out += '"';
        this.string('"');
      } else if (c === "'") {
        if (text.indexOf("'", this.i + 1) < 0) {
          // Unterminated: leave it for jq to report.
          this.out += text.slice(this.i);
          this.i = text.length;
          return;
        }
        this.i++;
        this.out += '"';
        this.string("'");
      } else if (c === '#') {
        const end = text.indexOf('\n', this.i);
        const stop = end < 0 ? text.length : end;
        this.out += text.slice(this.i, stop);
        this.i = stop;
      } else {
        if (c === '(') depth++;
        if (c === ')') {
          if (interpolation && depth === 0) return;
          depth--;
        }
        this.out += c;
        this.i++;
      }
    }
  }

  /**
   * A string's body after its opening quote, through its closing quote. A
   * single-quoted body is written double-quoted: `"` escaped, `\'` unescaped.
   */
  private string(quote: '"' | "'") {
    const text = this.text;
    while (this.i < text.length) {
      const c = text[this.i];
      if (c === '\\' && text[this.i + 1] === '(') {
        this.out += '\\(';
        this.i += 2;
        this.code(true);
        if (this.i < text.length) {
          this.out += ')';
          this.i++;
        }
      } else if (c === '\\') {
        const next = text[this.i + 1] ?? '';
        this.out += quote === "'" && next === "'" ? "'" : c + next;
        this.i += 2;
      } else if (c === quote) {
        this.out += '"';
        this.i++;
        return;
      } else {
        this.out += quote === "'" && c === '"' ? '\\"' : c;
        this.i++;
      }
    }
  }
}

/**
 * A Port calculation in standard jq: single-quoted string literals become
 * double-quoted ones; everything else is left as it is.
 *
 * @example
 * ```ts
 * toStandardJq("'https://datadog.com/' + .identifier");
 * // '"https://datadog.com/" + .identifier'
 * toStandardJq(".properties.'prop-with-special-char'");
 * // '.properties."prop-with-special-char"'
 * ```
 */
export function toStandardJq(program: string): string {
  return program.includes("'") ? new Scanner(program).convert() : program;
}
