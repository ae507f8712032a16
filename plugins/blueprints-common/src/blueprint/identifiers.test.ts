import {
  ENTITY_IDENTIFIER_MAX_LENGTH,
  freeTextProblem,
  identifierProblem,
  isPrototypeKey,
  propertyKeyProblem,
  PROTOTYPE_KEYS,
} from './identifiers';

describe('PROTOTYPE_KEYS', () => {
  it('names every property of Object.prototype, and prototype', () => {
    for (const name of [
      ...Object.getOwnPropertyNames(Object.prototype),
      'prototype',
    ]) {
      expect(isPrototypeKey(name)).toBe(true);
    }
    expect(PROTOTYPE_KEYS).toContain('__proto__');
    expect(isPrototypeKey('proto')).toBe(false);
  });
});

describe('identifierProblem', () => {
  it.each([
    'CartService',
    'cart-sql-sb',
    'github.com/acme/cart',
    'user@example.com',
    'a+b:c=d',
    'a..b',
    '.hidden',
    'x'.repeat(100),
  ])('accepts %j', identifier => {
    expect(identifierProblem(identifier)).toBeUndefined();
  });

  it.each([
    [7, 'must be a string; got number'],
    ['', 'must not be empty'],
    ['.', 'may not be "."'],
    ['..', 'may not be ".."'],
    ['a b', '"a b" may contain only letters, digits and @ _ . + : / = -'],
    ['x'.repeat(101), 'must be at most 100 characters long; got 101'],
    [
      '../../etc/passwd',
      '"../../etc/passwd" has a "." or ".." path segment; identifiers appear in URL paths and file names, where those lead elsewhere',
    ],
    ['a/./b', expect.stringContaining('has a "." or ".." path segment')],
    ['a/..', expect.stringContaining('has a "." or ".." path segment')],
    [
      'constructor',
      '"constructor" is the name of a property every JavaScript object has (Object.prototype); choose another name',
    ],
    ['__proto__', expect.stringContaining('every JavaScript object has')],
  ])('refuses %j: %s', (identifier, reason) => {
    expect(identifierProblem(identifier)).toEqual(reason);
  });

  it('takes a maximum length, as for entities', () => {
    const long = 'x'.repeat(ENTITY_IDENTIFIER_MAX_LENGTH);
    expect(
      identifierProblem(long, { maxLength: ENTITY_IDENTIFIER_MAX_LENGTH }),
    ).toBeUndefined();
    expect(identifierProblem(long)).toBe(
      'must be at most 100 characters long; got 1000',
    );
  });
});

describe('propertyKeyProblem', () => {
  it("follows Port's key pattern, length and the prototype names", () => {
    expect(propertyKeyProblem('lastDeploy')).toBeUndefined();
    expect(propertyKeyProblem('k'.repeat(100))).toBeUndefined();
    expect(propertyKeyProblem('k'.repeat(101))).toBe(
      'must be at most 100 characters long; got 101',
    );
    expect(propertyKeyProblem('a.b')).toBe(
      '"a.b" may contain only letters, digits and @ _ = -',
    );
    expect(propertyKeyProblem('toString')).toContain(
      'every JavaScript object has',
    );
  });
});

describe('freeTextProblem', () => {
  it('bounds text and wants a string', () => {
    expect(freeTextProblem('Cart', 200)).toBeUndefined();
    expect(freeTextProblem('t'.repeat(201), 200)).toBe(
      'must be at most 200 characters long; got 201',
    );
    expect(freeTextProblem(3, 200)).toBe('must be a string; got number');
  });
});
