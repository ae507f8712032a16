import { DEFAULT_MAX_DOCUMENT_BYTES, parseDocument } from './parseDocument';

describe('parseDocument', () => {
  describe('JSON', () => {
    it('reads a blueprint file', () => {
      const text = '{\n  "identifier": "Resource",\n  "relations": {}\n}\n';
      expect(parseDocument(text, 'blueprints/Resource.json')).toEqual({
        value: { identifier: 'Resource', relations: {} },
        problems: [],
      });
    });

    it('points at the first typographic quote, as the article prints the Resource blueprint', () => {
      // The article's Resource blueprint, pasted with its “ ” quotes.
      const text = [
        '{',
        ' \u201cidentifier\u201d: \u201cResource\u201d,',
        ' \u201ctitle\u201d: \u201cResource\u201d',
        '}',
      ].join('\n');
      expect(parseDocument(text, 'Resource.json').problems).toEqual([
        {
          source: 'Resource.json',
          pointer: '2:2',
          message:
            'typographic quote \u201c (U+201C) where JSON needs a straight double quote "',
        },
      ]);
    });

    it('points at a closing typographic quote inside a straight-quoted string', () => {
      const text = '{\n  "title": "Cart\u201d,\n  "icon": "Cloud"\n}';
      expect(parseDocument(text, 'x.json').problems).toEqual([
        {
          source: 'x.json',
          pointer: '2:17',
          message:
            'typographic quote \u201d (U+201D) where JSON needs a straight double quote "',
        },
      ]);
    });

    it.each([
      [
        '{"a": 1,}',
        '1:9',
        'trailing comma before }; JSON allows no comma after the last property',
      ],
      [
        '[1, 2,]',
        '1:7',
        'trailing comma before ]; JSON allows no comma after the last item',
      ],
      [
        '{"a" 1}',
        '1:6',
        'unexpected 1 (U+0031); expected : after the property name',
      ],
      [
        '{a: 1}',
        '1:2',
        'unexpected a (U+0061); expected a property name in double quotes or }',
      ],
      ["{'a': 1}", '1:2', `single quote ' where JSON needs a double quote "`],
      ['{"a": 1 // note\n}', '1:9', 'comment; JSON allows no comments'],
      [
        '{"a": 01}',
        '1:8',
        'number with a leading zero; JSON numbers may not start with 0',
      ],
      [
        '{"a": 1} x',
        '1:10',
        'unexpected x (U+0078) after the end of the JSON value',
      ],
      ['{"a": [1, 2}', '1:12', 'unexpected } (U+007D); expected , or ]'],
      [
        '{\n  "a": [1,\n    2',
        '3:6',
        'document ends before the closing ] of the array opened at 2:8; expected , or ]',
      ],
      [
        '{"a":\u00a01}',
        '1:6',
        'unexpected U+00A0 (no-break space); expected a value',
      ],
      [
        '{"a": "line\nbreak"}',
        '1:12',
        'line break inside the string opened at 1:7; close the string before the line ends, or write \\n',
      ],
      [
        '{"a": "\\x"}',
        '1:8',
        'invalid escape \\x; JSON allows \\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX',
      ],
      ['{"a": "open', '1:12', 'unterminated string opened at 1:7'],
      ['[1e]', '1:4', 'expected a digit in the exponent'],
      ['{"a": tru}', '1:7', 'unexpected t (U+0074); expected a value'],
    ])('says where %j stops being JSON', (text, pointer, message) => {
      expect(parseDocument(text, 'x.json').problems).toEqual([
        { source: 'x.json', pointer, message },
      ]);
    });

    it('counts lines ended by \\r\\n once', () => {
      const text = '{\r\n  "a": 1,\r\n  "b": \u201cx\u201d\r\n}';
      expect(parseDocument(text, 'x.json').problems[0].pointer).toBe('3:8');
    });

    it('accepts a byte order mark', () => {
      expect(parseDocument('\ufeff{"a": 1}', 'x.json')).toEqual({
        value: { a: 1 },
        problems: [],
      });
    });

    it('reads JSON from a source without extension when the text starts with { or [', () => {
      expect(parseDocument('  [1, 2]', 'request body').value).toEqual([1, 2]);
      // Not YAML: a JSON error, with a JSON message.
      expect(
        parseDocument(' {"a": 1,}', 'request body').problems[0].pointer,
      ).toBe('1:10');
    });
  });

  describe('YAML', () => {
    it('reads a document', () => {
      expect(
        parseDocument(
          'identifier: Cart\nrelations:\n  domain: Orders\n',
          'x.yaml',
        ),
      ).toEqual({
        value: { identifier: 'Cart', relations: { domain: 'Orders' } },
        problems: [],
      });
    });

    it('gives several documents as an array', () => {
      expect(
        parseDocument(
          'identifier: Cart\n---\nidentifier: Products\n',
          'x.yaml',
        ),
      ).toEqual({
        value: [{ identifier: 'Cart' }, { identifier: 'Products' }],
        problems: [],
      });
    });

    it('says where a document stops being YAML', () => {
      expect(parseDocument('a: 1\na: 2\n', 'x.yaml').problems).toEqual([
        {
          source: 'x.yaml',
          pointer: '2:1',
          message: 'Map keys must be unique',
        },
      ]);
      expect(parseDocument('key: "unterminated\n', 'x.yml').problems).toEqual([
        { source: 'x.yml', pointer: '2:1', message: 'Missing closing "quote' },
      ]);
    });

    it('refuses alias bombs', () => {
      const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
      for (let i = 1; i < 10; i++) {
        const prev = String.fromCharCode(96 + i);
        const next = String.fromCharCode(97 + i);
        lines.push(
          `${next}: &${next} [*${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}]`,
        );
      }
      const { value, problems } = parseDocument(lines.join('\n'), 'bomb.yaml');
      expect(value).toBeUndefined();
      expect(problems).toHaveLength(1);
      expect(problems[0].pointer).toBe('1:1');
    });
  });

  describe('size and emptiness', () => {
    it('refuses a 10 MB document without parsing it', () => {
      const text = `"${'x'.repeat(10 * 1024 * 1024 - 2)}"`;
      expect(text.length).toBe(10 * 1024 * 1024);
      expect(parseDocument(text, 'huge.json')).toEqual({
        problems: [
          {
            source: 'huge.json',
            pointer: '',
            message: 'document is 10.0 MiB; the limit is 5 MiB',
          },
        ],
      });
    });

    it('counts bytes, not characters', () => {
      // 40 characters, 120 bytes in UTF-8.
      const text = `"${'\u20ac'.repeat(38)}"`;
      expect(parseDocument(text, 'x.json', { maxBytes: 100 }).problems).toEqual(
        [
          {
            source: 'x.json',
            pointer: '',
            message: 'document is 116 bytes; the limit is 100 bytes',
          },
        ],
      );
      expect(parseDocument(text, 'x.json', { maxBytes: 116 }).problems).toEqual(
        [],
      );
    });

    it('has a 5 MiB default limit', () => {
      expect(DEFAULT_MAX_DOCUMENT_BYTES).toBe(5 * 1024 * 1024);
    });

    it.each([
      ['', 'x.json'],
      ['  \n\t', 'x.json'],
      ['# only a comment\n', 'x.yaml'],
    ])('says %j is empty', (text, source) => {
      expect(parseDocument(text, source)).toEqual({
        problems: [{ source, pointer: '', message: 'document is empty' }],
      });
    });
  });
});
