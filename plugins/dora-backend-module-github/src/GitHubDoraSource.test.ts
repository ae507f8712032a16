import { createHmac } from 'node:crypto';
import { verifyGitHubSignature } from './GitHubDoraSource';

const body = Buffer.from('{"zen":"Keep it logically awesome."}');
const sign = (secret: string) =>
  createHmac('sha256', secret).update(body).digest('hex');

describe('verifyGitHubSignature', () => {
  it('checks the X-Hub-Signature-256 header', () => {
    expect(
      verifyGitHubSignature(body, 's3cret', `sha256=${sign('s3cret')}`),
    ).toBe(true);
    expect(
      verifyGitHubSignature(body, 's3cret', `sha256=${sign('other')}`),
    ).toBe(false);
    expect(verifyGitHubSignature(body, 's3cret', sign('s3cret'))).toBe(false);
    expect(verifyGitHubSignature(body, 's3cret', undefined)).toBe(false);
  });
});
