import { createHash, createHmac } from 'node:crypto';

const KEY_ID_CHARS = 6;
const TAG_CHARS = 16; // 96 bits of HMAC-SHA256, base64url: collisions are not a concern for one trunk's history

/**
 * A keyed fingerprint of a trunk's SIP password: enough to tell that credentials changed between two
 * snapshots, useless for recovering the password without the API secret (which keys it), so a
 * snapshot kept in Redis or on disk holds no password, nor anything a dictionary attack could use.
 */
export function credentialTagger(apiSecret: string): (password: unknown) => string | null {
  const key = createHash('sha256').update('trunkbot/credential-tag/v1\0').update(apiSecret).digest();
  // Which key made a tag, so tags made before the API secret was rotated are not mistaken for new passwords.
  const keyId = createHash('sha256').update(key).digest('base64url').slice(0, KEY_ID_CHARS);
  return (password) =>
    typeof password === 'string' || typeof password === 'number'
      ? `${keyId}.${createHmac('sha256', key).update(String(password)).digest('base64url').slice(0, TAG_CHARS)}`
      : null;
}

/** Whether two tags tell of different passwords: tags made with different keys tell nothing either way. */
export function credentialsDiffer(a: string | null | undefined, b: string | null | undefined): boolean {
  if (!a || !b) return (a ?? null) !== (b ?? null);
  const [keyA] = a.split('.', 1);
  const [keyB] = b.split('.', 1);
  return keyA === keyB && a !== b;
}
