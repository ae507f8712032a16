import { findJsonSyntaxError, lineColumnAt } from './jsonSyntax';

describe('findJsonSyntaxError', () => {
  // The scanner must agree with JSON.parse on what is JSON, or its
  // positions mean nothing.
  const samples = [
    '{}',
    '[]',
    '0',
    '-0.5e+10',
    '"a\\u00e9\\n"',
    'true',
    ' null ',
    '{"a": [1, {"b": false}], "c": "d"}',
    '[[[[[]]]]]',
    '{"a": 1,}',
    '[1,]',
    '{"a" 1}',
    '01',
    '1.',
    '-',
    '.5',
    '+1',
    '"\\u12"',
    '"tab\there"',
    'tru',
    'nulls',
    '{"a": 1}}',
    '[1 2]',
    '{,}',
    '',
    '\u201c\u201d',
    '{"a": NaN}',
    '{"a": undefined}',
  ];

  it.each(samples)('agrees with JSON.parse on %j', text => {
    let parses = true;
    try {
      JSON.parse(text);
    } catch {
      parses = false;
    }
    expect(findJsonSyntaxError(text) === undefined).toBe(parses);
  });

  it('does not overflow the stack on deep nesting', () => {
    const depth = 100_000;
    const text = `${'['.repeat(depth)}${']'.repeat(depth - 1)}`;
    expect(findJsonSyntaxError(text)).toEqual({
      index: 2 * depth - 1,
      message: expect.stringMatching(/^document ends before the closing \]/),
    });
  });
});

describe('lineColumnAt', () => {
  it('counts from 1 and treats \\n, \\r\\n and \\r as line ends', () => {
    const text = 'ab\ncd\r\nef\rgh';
    expect(lineColumnAt(text, 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumnAt(text, 4)).toEqual({ line: 2, column: 2 });
    expect(lineColumnAt(text, 7)).toEqual({ line: 3, column: 1 });
    expect(lineColumnAt(text, 11)).toEqual({ line: 4, column: 2 });
  });
});
