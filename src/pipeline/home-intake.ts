import type { types } from '@slack/bolt';
import { homeView, renderHomeNotice } from '../home/render-home.js';
import type { SlackMessage } from '../trunks/message.js';
import { answerHome } from './answer-home.js';
import type { Claim } from './claims.js';
import type { BotDeps } from './deps.js';
import type { Intake, Origin } from './request.js';

export interface HomeIntakeParts {
  /** Surface `home`: Home is the user's own, so no channel. */
  origin: Origin;
  claims: Claim[];
  /** Publishes a view as the user's Home tab (views.publish). */
  publish: (view: types.HomeView) => Promise<unknown>;
  /** Rebuild the snapshot first (↻ Refresh), rather than reuse a fresh one. */
  fresh?: boolean;
  /** Shown at the top: what became of the button just pressed, when it did not simply work. */
  note?: SlackMessage;
}

/**
 * Publishing a user's Home tab as a request for the pipeline: the same access rules and audit line as a query.
 * Everything the user is told — a refusal, progress, a failure — replaces the Home tab, which has no other
 * place to say it.
 */
export function homeIntake(deps: BotDeps, parts: HomeIntakeParts): Intake {
  const notice = (message: SlackMessage) => parts.publish(homeView(renderHomeNotice(message)));
  return {
    origin: parts.origin,
    claims: parts.claims,
    // Opening Home reads the shared snapshot and is never charged; ↻ Refresh asks ITNIO again and is.
    unmetered: !parts.fresh,
    read: () => ({ request: { page: 1 }, view: { shareable: false, ...(parts.fresh && { fresh: true }) } }),
    whisper: notice,
    progress: notice,
    answer: (_request, view, onProgress) => answerHome(deps, parts.origin.user, view, onProgress, parts.note),
    reply: async (answer) => {
      await (answer.ok ? parts.publish(homeView(answer.message)) : notice(answer.message));
    },
  };
}
