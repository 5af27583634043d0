import type { Progress } from '../inventory/fetch-inventory.js';
import { errorFields } from '../log.js';
import { collectHomeFacts } from '../home/home-facts.js';
import { renderHome, shownOnHome } from '../home/render-home.js';
import type { SlackMessage } from '../trunks/message.js';
import { type Answer, type AnswerView, failedAnswer } from './answer-query.js';
import { shownOf } from './audit.js';
import type { BotDeps } from './deps.js';

type HomeDeps = Pick<BotDeps, 'inventory' | 'watches' | 'timeZone' | 'seal' | 'shutdown' | 'log'>;

/**
 * One user's Home tab from the snapshot every query shares (built only when none is fresh, or on ↻ Refresh)
 * and the watch book. A watch book that cannot be read costs the watch list, not the Home tab. Never throws.
 */
export async function answerHome(
  deps: HomeDeps,
  user: string,
  view: AnswerView,
  onProgress?: (progress: Progress) => void,
  note?: SlackMessage,
): Promise<Answer> {
  const asked = Date.now();
  const started = performance.now();
  try {
    const snapshot = await deps.inventory.get({
      ...(view.fresh && { fresh: true }),
      ...(deps.shutdown && { signal: deps.shutdown }),
      ...(onProgress && { onProgress }),
    });
    const latencyMs = Math.round(performance.now() - started);
    const watches = await deps.watches.all().catch((error: unknown) => {
      deps.log.warn({ user, ...errorFields(error) }, 'could not read the watches for the Home tab');
      return undefined;
    });
    const facts = collectHomeFacts(snapshot.index, snapshot.fetchedAt, watches, user);
    const message = renderHome({
      facts,
      fetchedAt: new Date(snapshot.fetchedAt),
      timeZone: deps.timeZone,
      seal: deps.seal,
      unreadable: snapshot.unreadable,
      ...(note && { note }),
    });
    return {
      message,
      ok: true,
      outcome: 'ok',
      total: snapshot.trunks.length,
      shown: shownOf(shownOnHome(facts)),
      latencyMs,
      ...(snapshot.fetchedAt < asked && { cached: true }),
      ...(snapshot.unreadable > 0 && { unreadable: snapshot.unreadable }),
    };
  } catch (error) {
    return failedAnswer(error, 'count the trunks for the Home tab');
  }
}
