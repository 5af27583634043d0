import { decodeSlackInput } from './slack-text.js';

/** A `/trunks` subcommand about channel watches rather than a query. */
export type WatchCommand =
  | { kind: 'watch'; filters: string }
  | { kind: 'watching' }
  | { kind: 'unwatch'; which: number | 'all' | undefined };

const WATCH = new Set(['watch', 'subscribe']);
const WATCHING = new Set(['watching', 'watches', 'subscriptions']);
const UNWATCH = new Set(['unwatch', 'unsubscribe', 'stop-watching']);

/**
 * Reads `watch [filters]`, `watching` and `unwatch N|all`; undefined for anything else (a query).
 * Only the first word decides, so a trunk named "watch" is still found with `name:watch`.
 */
export function readWatchCommand(raw: string): WatchCommand | undefined {
  const text = decodeSlackInput(raw).trim();
  const [first = '', ...rest] = text.split(/\s+/);
  const word = first.toLowerCase();
  const tail = rest.join(' ');
  if (WATCH.has(word)) return { kind: 'watch', filters: tail };
  if (WATCHING.has(word) && tail === '') return { kind: 'watching' };
  if (UNWATCH.has(word)) {
    const which = tail.replace(/^#/, '').toLowerCase();
    if (which === 'all') return { kind: 'unwatch', which: 'all' };
    return { kind: 'unwatch', which: /^\d{1,3}$/.test(which) ? Number(which) : undefined };
  }
  return undefined;
}
