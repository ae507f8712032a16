import { createHmac } from 'node:crypto';
import {
  tokenMatches,
  verifyGitHubSignature,
  verifyPagerDutySignature,
} from './signatures';

const body = Buffer.from('{"zen":"Keep it logically awesome."}');
const sign = (secret: string) =>
  createHmac('sha256', secret).update(body).digest('hex');

describe('webhook signatures', () => {
  it('checks the GitHub X-Hub-Signature-256 header', () => {
    expect(
      verifyGitHubSignature(body, 's3cret', `sha256=${sign('s3cret')}`),
    ).toBe(true);
    expect(
      verifyGitHubSignature(body, 's3cret', `sha256=${sign('other')}`),
    ).toBe(false);
    expect(verifyGitHubSignature(body, 's3cret', sign('s3cret'))).toBe(false);
    expect(verifyGitHubSignature(body, 's3cret', undefined)).toBe(false);
  });

  it('checks any of the PagerDuty v1 signatures, as during a rotation', () => {
    expect(
      verifyPagerDutySignature(
        body,
        'new',
        `v1=${sign('old')},v1=${sign('new')}`,
      ),
    ).toBe(true);
    expect(verifyPagerDutySignature(body, 'new', `v1=${sign('old')}`)).toBe(
      false,
    );
    expect(verifyPagerDutySignature(body, 'new', undefined)).toBe(false);
  });

  it('compares tokens whatever their lengths', () => {
    expect(tokenMatches('t0ken', 't0ken')).toBe(true);
    expect(tokenMatches('t0ken', 't0ke')).toBe(false);
    expect(tokenMatches('t0ken', undefined)).toBe(false);
  });
});
