import { responseError } from '../__testUtils__/fixtures';
import { errorMessage } from './errors';

describe('errorMessage', () => {
  it("gives the backend's sentence of an error answer", async () => {
    const error = await responseError(
      409,
      'ConflictError',
      'Environment "preview" exists already',
    );
    expect(errorMessage(error)).toBe('Environment "preview" exists already');
  });

  it('gives any other error its message', () => {
    expect(errorMessage(new Error('Failed to fetch'))).toBe('Failed to fetch');
    expect(errorMessage('nope')).toBe('nope');
  });
});
