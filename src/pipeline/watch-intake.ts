import type { Intake, Origin, Reading } from './request.js';
import type { BotDeps } from './deps.js';
import type { Claim } from './claims.js';
import type { SlackMessage } from '../trunks/message.js';
import type { WatchCommand } from '../trunks/watch-command.js';
import { renderWatchUsage } from '../watch/render-watches.js';
import { readStandingFilters } from './read-standing-filters.js';
import { answerUnwatch, answerWatch, answerWatching, type PostInChannel } from './answer-watch.js';

export interface WatchIntakeParts {
  origin: Origin;
  claims: Claim[];
  whisper: (message: SlackMessage) => Promise<unknown>;
  post: PostInChannel;
}

// Nothing to page or summarise in a watch; and a watch reports changes itself, as they happen.
const NOT_FOR_WATCHES =
  'A watch takes filters only: leave out page, stats and changed (a watch reports changes as they happen).';

/** A watch command (`watch`, `watching`, `unwatch`) as a request for the pipeline, with the same access rules and audit. */
export function watchIntake(deps: BotDeps, command: WatchCommand, parts: WatchIntakeParts): Intake {
  const read = (): Reading => {
    const view = { shareable: false };
    if (command.kind !== 'watch') return { request: { page: 1 }, view };
    return readStandingFilters(command.filters, renderWatchUsage, {
      emptyMeansAll: false,
      what: 'watch',
      notFor: NOT_FOR_WATCHES,
    });
  };
  return {
    origin: parts.origin,
    claims: parts.claims,
    // Listing and removing watches never asks ITNIO; a new watch counts its trunks in the snapshot.
    unmetered: command.kind !== 'watch',
    read,
    whisper: parts.whisper,
    answer: (request) => {
      if (command.kind === 'watch') return answerWatch(deps, parts.origin, request, parts.post);
      if (command.kind === 'watching') return answerWatching(deps, parts.origin);
      if (command.which === undefined) {
        return Promise.resolve({
          message: renderWatchUsage(
            'Say which watch to stop: `/trunks unwatch 2` (its number in `/trunks watching`) or `/trunks unwatch all`.',
          ),
          ok: false,
          outcome: 'invalid_input',
        });
      }
      return answerUnwatch(deps, parts.origin, command.which, parts.post);
    },
    // A new watch is announced in the channel; that is the whole reply.
    reply: async (answer) => {
      if (answer.outcome !== 'watch_added') await parts.whisper(answer.message);
    },
  };
}
