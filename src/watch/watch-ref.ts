import type { ButtonSeal } from '../trunks/button-seal.js';

/** What a Remove button carries: which watch of which channel. */
export interface WatchRef {
  id: string;
  channel: string;
}

const WIRE = /^w;([CDG][A-Z0-9]{2,30});([\w-]{1,40})$/;

/** Seals a watch reference for a button value. */
export function encodeWatchRef({ id, channel }: WatchRef, seal: ButtonSeal): string {
  return seal.seal(`w;${channel};${id}`);
}

/** Reads a clicked Remove button; anything unsealed, tampered or malformed yields undefined. */
export function decodeWatchRef(value: unknown, seal: ButtonSeal): WatchRef | undefined {
  if (typeof value !== 'string' || value.length > 200) return undefined;
  const match = WIRE.exec(seal.open(value) ?? '');
  return match ? { channel: match[1]!, id: match[2]! } : undefined;
}
