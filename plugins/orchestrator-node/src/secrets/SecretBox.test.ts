import { ConfigReader } from '@backstage/config';
import { randomBytes } from 'node:crypto';
import {
  createSecretBox,
  secretBoxFromConfig,
  secretKeyFromBase64,
} from './SecretBox';

const key = (id: string) => ({ id, key: randomBytes(32) });
const CONTEXT = 'component:default/cartservice/staging/STRIPE_KEY';

describe('SecretBox', () => {
  it('seals a secret so that it opens only with its key and context', () => {
    const box = createSecretBox([key('2026-12')]);
    const sealed = box.seal('sk_live_123', CONTEXT);
    expect(sealed).toMatch(/^v1:2026-12:[\w-]+:[\w-]+:[\w-]+$/);
    expect(sealed).not.toContain('sk_live_123');
    expect(box.seal('sk_live_123', CONTEXT)).not.toBe(sealed); // a fresh IV
    expect(box.open(sealed, CONTEXT)).toBe('sk_live_123');

    expect(() => box.open(sealed, `${CONTEXT}_COPY`)).toThrow(
      `Sealed secret does not open with key "2026-12" for ${CONTEXT}_COPY: it was altered or belongs elsewhere`,
    );
    const [v, id, iv, tag, data] = sealed.split(':');
    const flipped = Buffer.from(data, 'base64url');
    flipped[0] ^= 1;
    expect(() =>
      box.open(
        [v, id, iv, tag, flipped.toString('base64url')].join(':'),
        CONTEXT,
      ),
    ).toThrow('it was altered or belongs elsewhere');
    expect(() => box.open('plain text', CONTEXT)).toThrow(
      'Sealed secret is not in the v1 format',
    );
  });

  it('opens values of older keys, and rotates them to the current key', () => {
    const old = key('2026-01');
    const sealedBefore = createSecretBox([old]).seal('hunter2', CONTEXT);
    const box = createSecretBox([key('2026-12'), old]);
    expect(box.needsRotation(sealedBefore)).toBe(true);
    const rotated = box.rotate(sealedBefore, CONTEXT);
    expect(box.needsRotation(rotated)).toBe(false);
    expect(box.open(rotated, CONTEXT)).toBe('hunter2');
    // Once the old key is gone, what it sealed names it.
    expect(() =>
      createSecretBox([key('2026-12')]).open(sealedBefore, CONTEXT),
    ).toThrow('Sealed secret names key "2026-01", which is not configured');
  });

  it('reads keys from config, refusing a wrong one without printing it', () => {
    const good = randomBytes(32).toString('base64');
    const box = secretBoxFromConfig(
      new ConfigReader({
        plinth: {
          orchestrator: { secrets: { keys: [{ id: 'k1', key: good }] } },
        },
      }),
    );
    expect(box.currentKeyId).toBe('k1');
    const short = randomBytes(16).toString('base64');
    let message = '';
    try {
      secretKeyFromBase64('k2', short);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toBe(
      'Secret key "k2" must be 32 bytes in base64 (such as the output of "openssl rand -base64 32"); it is 16 bytes',
    );
    expect(message).not.toContain(short);
    expect(() => createSecretBox([])).toThrow(
      'At least one secret key is needed',
    );
    const twice = key('k1');
    expect(() => createSecretBox([twice, twice])).toThrow(
      'Secret key "k1" is given twice',
    );
  });
});
