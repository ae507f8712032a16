import { stableJson } from '../lib/stableJson';

describe('stableJson', () => {
  it('gives deeply equal documents the same text, whatever their key order', () => {
    const a = { b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } };
    const b = { a: { c: null, d: [1, { x: 1, y: 2 }] }, b: 1 };
    expect(stableJson(a)).toBe(stableJson(b));
    expect(stableJson(a)).toBe('{"a":{"c":null,"d":[1,{"x":1,"y":2}]},"b":1}');
  });

  it('keeps array order and drops undefined values, as JSON does', () => {
    expect(stableJson([2, 1])).not.toBe(stableJson([1, 2]));
    expect(stableJson({ a: undefined, b: 1 })).toBe('{"b":1}');
  });
});
