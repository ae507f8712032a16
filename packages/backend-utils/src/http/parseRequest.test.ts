import { z } from 'zod/v3';
import { parseRequest } from './parseRequest';
import { invalidInput } from './problems';

describe('parseRequest', () => {
  const schema = z.object({
    limit: z.coerce.number().max(5000, 'must be at most 5000'),
    rules: z.array(
      z.object({ 'a/b': z.string({ required_error: 'is required' }) }),
    ),
  });

  it('answers the parsed value', () => {
    expect(
      parseRequest(schema, { limit: '10', rules: [{ 'a/b': 'x' }] }, 'query'),
    ).toEqual({ limit: 10, rules: [{ 'a/b': 'x' }] });
  });

  it('throws one InputError naming every wrong field, with the problems as a list', () => {
    let thrown: any;
    try {
      parseRequest(schema, { limit: '6000', rules: [{}] }, 'body');
    } catch (error) {
      thrown = error;
    }
    expect(thrown.name).toBe('InputError');
    expect(thrown.message).toBe(
      'body limit: must be at most 5000\nbody rules.0.a/b: is required',
    );
    expect(thrown.problems).toEqual([
      { source: 'body', pointer: '/limit', message: 'must be at most 5000' },
      { source: 'body', pointer: '/rules/0/a~1b', message: 'is required' },
    ]);
  });

  it('refuses a __proto__ key anywhere, which zod would drop unseen', () => {
    const record = z.record(z.string(), z.unknown());
    for (const [body, pointer] of [
      ['{"__proto__": [], "identifier": "Squad"}', '/__proto__'],
      ['{"rules": [{"a": {"__proto__": ""}}]}', '/rules/0/a/__proto__'],
    ]) {
      expect(() => parseRequest(record, JSON.parse(body), 'body')).toThrow(
        `body ${pointer
          .slice(1)
          .replace(
            /\//g,
            '.',
          )}: "__proto__" is the name of a property every JavaScript object has; it cannot be a field`,
      );
    }
  });

  it('names the whole part when it is not an object', () => {
    expect(() => parseRequest(schema, [], 'body')).toThrow(
      /^body: Expected object, received array$/,
    );
  });
});

describe('invalidInput', () => {
  it('writes each problem a line, as the caller formats them', () => {
    const error = invalidInput(
      [{ source: 'cart.json', pointer: '/rules', message: 'must be a list' }],
      p => `${p.source}: ${p.pointer}: ${p.message}`,
    );
    expect(error.message).toBe('cart.json: /rules: must be a list');
    expect(error.problems).toHaveLength(1);
  });
});
