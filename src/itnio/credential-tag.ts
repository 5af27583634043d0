import { createHash, createHmac } from 'node:crypto';

const TAG_CHARS = 16; // 96 bits of HMAC-SHA256, base64url: collisions are not a concern for one trunk's history

/**
 * A keyed fingerprint of a trunk's SIP password: enough to tell that credentials changed between two
 * snapshots, useless for recovering the password without the API secret (which keys it), so a
 * snapshot kept in Redis or on disk holds no password, nor anything a dictionary attack could use.
 */
export function credentialTagger(apiSecret: string): (password: unknown) => string | null {
  const key = createHash('sha256').update('trunkbot/credential-tag/v1\0').update(apiSecret).digest();
  return (password) =>
    typeof password === 'string' || typeof password === 'number'
      ? createHmac('sha256', key).update(String(password)).digest('base64url').slice(0, TAG_CHARS)
      : null;
}
