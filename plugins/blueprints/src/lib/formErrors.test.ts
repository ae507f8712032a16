import { RJSFSchema } from '@rjsf/utils';
import { plainFormErrors } from './formErrors';

const schema: RJSFSchema = {
  type: 'object',
  properties: {
    identifier: { type: 'string', title: 'Identifier' },
    properties: {
      type: 'object',
      title: 'Properties',
      properties: {
        owner: { type: 'string', title: 'Owner', format: 'user' },
        replicas: { type: 'number', title: 'Replicas' },
        tier: { type: 'string', title: 'Tier', enum: ['1', '2'] },
      },
    },
  },
};

const transform = plainFormErrors(schema);

function word(name: string, property: string, params: object) {
  return transform([
    { name, property, params, message: 'raw', stack: 'raw' },
  ])[0];
}

describe('plainFormErrors', () => {
  it('says what a format expects, by the field title in the list', () => {
    expect(
      word('format', '.properties.owner', { format: 'user' }),
    ).toMatchObject({
      message: 'must be an e-mail address',
      stack: 'Owner: must be an e-mail address',
    });
  });

  it('words limits, types and choices', () => {
    expect(word('minimum', '.properties.replicas', { limit: 0 }).message).toBe(
      'must be at least 0',
    );
    expect(
      word('type', '.properties.replicas', { type: 'number' }).message,
    ).toBe('must be a number');
    expect(
      word('enum', '.properties.tier', { allowedValues: ['1', '2'] }).message,
    ).toBe('must be one of 1, 2');
    expect(word('required', '.properties.owner', {}).stack).toBe(
      'Owner: is required',
    );
  });

  it('lets the form word particular errors first, and keeps unknown ones', () => {
    const custom = plainFormErrors(schema, e =>
      e.property === '.identifier' ? 'may hold only letters' : undefined,
    );
    expect(
      custom([
        { name: 'pattern', property: '.identifier', params: {}, stack: '' },
      ])[0].stack,
    ).toBe('Identifier: may hold only letters');
    expect(word('if', '.properties.tier', {}).message).toBe('raw');
  });
});
