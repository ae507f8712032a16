import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * A key that seals secrets: its id (kept beside each sealed value, so that
 * older keys still open what they sealed) and 32 bytes.
 * @public
 */
export interface SecretKey {
  id: string;
  key: Buffer;
}

/**
 * Seals and opens the orchestrator's secrets (shared secrets, secret driver
 * outputs) with AES-256-GCM. Each sealed value names the key that sealed
 * it and is bound to its context (such as `app/environment/name`), so a
 * value copied to another record does not open there.
 * @public
 */
export interface SecretBox {
  /** The id of the key new values are sealed with. */
  readonly currentKeyId: string;
  /** `v1:<key id>:<iv>:<tag>:<ciphertext>` (base64url parts). */
  seal(plaintext: string, context: string): string;
  /**
   * The plaintext of a sealed value.
   * @throws InputError naming the key id when the key is unknown, or when
   *   the value was altered or belongs to another context; never the value
   */
  open(sealed: string, context: string): string;
  /** Whether a value was sealed with another key than the current one. */
  needsRotation(sealed: string): boolean;
  /** The value sealed again with the current key (key rotation). */
  rotate(sealed: string, context: string): string;
}

const VERSION = 'v1';
const KEY_ID = /^[A-Za-z0-9_.-]{1,64}$/;

/**
 * Reads a key given as base64 (or base64url): exactly 32 bytes.
 * @throws InputError naming the key id, never the key
 * @public
 */
export function secretKeyFromBase64(id: string, base64: string): SecretKey {
  if (!KEY_ID.test(id)) {
    throw new InputError(
      `Secret key id "${id.slice(
        0,
        64,
      )}" must be 1 to 64 letters, digits, ".", "_" or "-"`,
    );
  }
  const key = Buffer.from(base64, 'base64');
  if (key.length !== 32) {
    throw new InputError(
      `Secret key "${id}" must be 32 bytes in base64 (such as the output of "openssl rand -base64 32"); it is ${key.length} bytes`,
    );
  }
  return { id, key };
}

/**
 * The box of these keys; the first seals new values, every one opens.
 * @throws InputError when there is no key or two share an id
 * @public
 */
export function createSecretBox(keys: readonly SecretKey[]): SecretBox {
  if (keys.length === 0) {
    throw new InputError('At least one secret key is needed');
  }
  const byId = new Map<string, Buffer>();
  for (const { id, key } of keys) {
    if (byId.has(id)) throw new InputError(`Secret key "${id}" is given twice`);
    byId.set(id, key);
  }
  const current = keys[0];

  const parse = (sealed: string) => {
    const parts = sealed.split(':');
    if (parts.length !== 5 || parts[0] !== VERSION) {
      throw new InputError('Sealed secret is not in the v1 format');
    }
    const [, keyId, iv, tag, ciphertext] = parts;
    return {
      keyId,
      iv: Buffer.from(iv, 'base64url'),
      tag: Buffer.from(tag, 'base64url'),
      ciphertext: Buffer.from(ciphertext, 'base64url'),
    };
  };

  const seal = (plaintext: string, context: string) => {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', current.key, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const ciphertext = Buffer.concat([
      cipher.update(plaintext, 'utf8'),
      cipher.final(),
    ]);
    return [
      VERSION,
      current.id,
      iv.toString('base64url'),
      cipher.getAuthTag().toString('base64url'),
      ciphertext.toString('base64url'),
    ].join(':');
  };

  const open = (sealed: string, context: string) => {
    const { keyId, iv, tag, ciphertext } = parse(sealed);
    const key = byId.get(keyId);
    if (!key) {
      throw new InputError(
        `Sealed secret names key "${keyId}", which is not configured`,
      );
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, iv);
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(tag);
      return Buffer.concat([
        decipher.update(ciphertext),
        decipher.final(),
      ]).toString('utf8');
    } catch {
      // Node's message says nothing of the value; ours says what it means.
      throw new InputError(
        `Sealed secret does not open with key "${keyId}" for ${context}: it was altered or belongs elsewhere`,
      );
    }
  };

  return {
    currentKeyId: current.id,
    seal,
    open,
    needsRotation: sealed => parse(sealed).keyId !== current.id,
    rotate: (sealed, context) => seal(open(sealed, context), context),
  };
}

/**
 * The box of `plinth.orchestrator.secrets.keys` (the first key seals, every
 * key opens: add a new key first and keep the old ones until rotation has
 * sealed every value again).
 * @throws InputError naming the key that is not valid
 * @public
 */
export function secretBoxFromConfig(config: Config): SecretBox {
  const keys = config
    .getConfigArray('plinth.orchestrator.secrets.keys')
    .map(key => secretKeyFromBase64(key.getString('id'), key.getString('key')));
  return createSecretBox(keys);
}
