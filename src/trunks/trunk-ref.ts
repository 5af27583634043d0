import * as z from 'zod';
import type { ButtonSeal } from './button-seal.js';

/** What a Details or Share-trunk button carries: which trunk, and for Share, which channel to post to. */
export interface TrunkRef {
  id: string;
  channel?: string;
}

const wireSchema = z.strictObject({
  d: z.string().min(1).max(40),
  c: z
    .string()
    .regex(/^[CDG][A-Z0-9]{2,30}$/)
    .optional(),
});

/** Seals a trunk reference for a button value. */
export function encodeTrunkRef({ id, channel }: TrunkRef, seal: ButtonSeal): string {
  return seal.seal(JSON.stringify({ d: id, ...(channel !== undefined && { c: channel }) }));
}

/** Reads a clicked button's trunk reference; anything unsealed, tampered or malformed yields undefined. */
export function decodeTrunkRef(value: unknown, seal: ButtonSeal): TrunkRef | undefined {
  if (typeof value !== 'string' || value.length > 500) return undefined;
  const payload = seal.open(value);
  if (payload === undefined) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(payload);
  } catch {
    return undefined;
  }
  const parsed = wireSchema.safeParse(json);
  if (!parsed.success) return undefined;
  return parsed.data.c === undefined ? { id: parsed.data.d } : { id: parsed.data.d, channel: parsed.data.c };
}
