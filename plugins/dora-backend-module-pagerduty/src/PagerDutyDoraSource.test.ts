import { createHmac } from 'node:crypto';
import { tokenMatches, verifyPagerDutySignature } from './PagerDutyDoraSource';

const body = Buffer.from('{"zen":"Keep it logically awesome."}');
const sign = (secret: string) =>
  createHmac('sha256', secret).update(body).digest('hex');

describe('PagerDuty delivery checks', () => {
  it('checks any of the v1 signatures, as during a rotation', () => {
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
