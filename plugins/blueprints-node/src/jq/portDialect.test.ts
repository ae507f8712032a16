import { toStandardJq } from './portDialect';

describe('toStandardJq', () => {
  it.each([
    [
      "'https://datadog.com/' + .identifier",
      '"https://datadog.com/" + .identifier',
    ],
    [
      ".properties.'prop-with-special-char'",
      '.properties."prop-with-special-char"',
    ],
    ["'a' + 'b'", '"a" + "b"'],
    ['\'say "hi"\'', '"say \\"hi\\""'],
    ["'it\\'s'", '"it\'s"'],
    ["'\\(.a) and \\(.b | tostring)'", '"\\(.a) and \\(.b | tostring)"'],
    ["'\\(.a + 'x')'", '"\\(.a + "x")"'],
  ])('turns %s into %s', (port, standard) => {
    expect(toStandardJq(port)).toBe(standard);
  });

  it.each([
    '.properties.myStringProp + .properties.myStringProp',
    '"rock \'n\' roll"',
    '"it\'s " + .title',
    ".title # it's a comment",
    '"\\(.a | "x\'y")"',
    '"escaped \\" quote \' inside"',
    'if . then "a" else "b" end',
  ])('leaves standard jq as it is: %s', program => {
    expect(toStandardJq(program)).toBe(program);
  });

  it('leaves an unterminated quote for jq to report', () => {
    expect(toStandardJq(".a + 'oops")).toBe(".a + 'oops");
  });
});
