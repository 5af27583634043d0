import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** Signs button values so a click can only carry state the bot itself put there. */
export interface ButtonSeal {
  seal(payload: string): string;
  /** The payload of a value this bot sealed, or undefined for anything else. */
  open(value: string): string | undefined;
}

const SEPARATOR = '~';
const MAC_CHARS = 22; // 132 bits of HMAC-SHA256, base64url

/** A seal keyed from a real secret: BUTTON_SEAL_SECRET, or the bot token (see buttonSealSecretOf). */
export function createButtonSeal(secret: string): ButtonSeal {
  // A derived key, so the button MAC never reveals anything usable against Slack itself.
  const key = createHash('sha256').update('trunkbot/button-values/v1\0').update(secret).digest();
  const mac = (payload: string) => createHmac('sha256', key).update(payload).digest('base64url').slice(0, MAC_CHARS);
  return {
    seal: (payload) => `${payload}${SEPARATOR}${mac(payload)}`,
    open(value) {
      const at = value.lastIndexOf(SEPARATOR);
      if (at < 0) return undefined;
      const payload = value.slice(0, at);
      const given = Buffer.from(value.slice(at + 1));
      const expected = Buffer.from(mac(payload));
      return given.length === expected.length && timingSafeEqual(given, expected) ? payload : undefined;
    },
  };
}
