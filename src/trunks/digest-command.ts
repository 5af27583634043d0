import { decodeSlackInput } from './slack-text.js';

/** A `/trunks digest …` subcommand: the channel's daily digest rather than a query. */
export type DigestCommand = { kind: 'show' } | { kind: 'off' } | { kind: 'set'; time: string; filters: string };

const OFF = new Set(['off', 'stop', 'remove', 'none', 'cancel']);

/**
 * Reads `digest`, `digest off` and `digest 09:00 [filters]`; undefined for anything else (a query). The
 * time is read later, so a wrong one gets the digest's usage rather than a search for it. Only the first
 * word decides, so a trunk named "digest" is still found with `name:digest`.
 */
export function readDigestCommand(raw: string): DigestCommand | undefined {
  const [first = '', ...rest] = decodeSlackInput(raw).trim().split(/\s+/);
  if (first.toLowerCase() !== 'digest') return undefined;
  const [second, ...more] = rest;
  if (second === undefined) return { kind: 'show' };
  if (OFF.has(second.toLowerCase()) && more.length === 0) return { kind: 'off' };
  // `9 am` as two words.
  if (/^(am|pm)$/i.test(more[0] ?? ''))
    return { kind: 'set', time: `${second}${more[0]}`, filters: more.slice(1).join(' ') };
  return { kind: 'set', time: second, filters: more.join(' ') };
}
