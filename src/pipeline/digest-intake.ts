import { readTimeOfDay, type TimeOfDay } from '../digest/local-time.js';
import { renderDigestUsage } from '../digest/render-digest-notes.js';
import type { DigestCommand } from '../trunks/digest-command.js';
import type { SlackMessage } from '../trunks/message.js';
import { answerDigestOff, answerDigestSet, answerDigestShow, type UserTimeZone } from './answer-digest.js';
import type { PostInChannel } from './answer-watch.js';
import type { Claim } from './claims.js';
import type { BotDeps } from './deps.js';
import { readStandingFilters } from './read-standing-filters.js';
import type { Intake, Origin, Reading } from './request.js';

export interface DigestIntakeParts {
  origin: Origin;
  claims: Claim[];
  whisper: (message: SlackMessage) => Promise<unknown>;
  post: PostInChannel;
  userTimeZone: UserTimeZone;
}

// A digest always summarises the last 24 hours, one message a day.
const NOT_FOR_DIGESTS =
  'A digest takes filters only: leave out page, stats and changed (it always covers the last 24 h).';

/** A digest command (`digest`, `digest off`, `digest 09:00 …`) as a request for the pipeline: same access rules and audit. */
export function digestIntake(deps: BotDeps, command: DigestCommand, parts: DigestIntakeParts): Intake {
  let time: TimeOfDay | undefined;
  const read = (): Reading => {
    const view = { shareable: false };
    if (command.kind !== 'set') return { request: { page: 1 }, view };
    time = readTimeOfDay(command.time);
    if (!time) {
      return {
        outcome: 'invalid_input',
        reply: renderDigestUsage(`“${command.time}” is not a time of day: use 24-hour time such as 09:00, or 8:30am.`),
        input: `${command.time} ${command.filters}`.trim(),
      };
    }
    return readStandingFilters(command.filters, renderDigestUsage, {
      emptyMeansAll: true,
      what: 'digest',
      notFor: NOT_FOR_DIGESTS,
    });
  };
  return {
    origin: parts.origin,
    claims: parts.claims,
    read,
    whisper: parts.whisper,
    answer: (request) => {
      if (command.kind === 'show') return answerDigestShow(deps, parts.origin);
      if (command.kind === 'off') return answerDigestOff(deps, parts.origin, parts.post);
      return answerDigestSet(deps, parts.origin, request, time!, parts);
    },
    // A new digest is announced in the channel; that is the whole reply.
    reply: async (answer) => {
      if (answer.outcome !== 'digest_set') await parts.whisper(answer.message);
    },
  };
}
