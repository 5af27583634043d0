import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { answerQuery } from '../../trunks/answer-query.js';
import { parseQuery } from '../../trunks/parse-query.js';
import { renderNotice, renderUsage } from '../../trunks/render-notice.js';
import { audit, type BotDeps, type Origin } from '../deps.js';
import { refuseAccess, refuseRate, type Refusal } from '../gate.js';

// Slack retries an event for up to ~1 hour; remembering ids a little longer makes a retry a no-op.
const EVENT_MEMORY_SECONDS = 2 * 60 * 60;

/**
 * The words meant for the bot: what follows its mention ("hey @trunkbot in acme" → "in acme"), or what
 * precedes it when nothing follows ("outgoing acme @trunkbot"), without a leading `trunks`.
 */
export function mentionArguments(text: string, botUserId: string | undefined): string {
  const own = botUserId && /^[A-Z0-9]+$/i.test(botUserId) ? new RegExp(`<@${botUserId}(?:\\|[^>]*)?>`) : /<@[A-Z0-9]+(?:\|[^>]*)?>/i;
  const match = own.exec(text);
  let words = text;
  if (match) {
    const after = text.slice(match.index + match[0].length);
    words = after.trim() !== '' ? after : text.slice(0, match.index);
  }
  return words
    .replace(new RegExp(own.source, 'gi'), ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^trunks?\b/i, '')
    .trim();
}

/** `@trunkbot [trunks] [filters]`: answer in the mention's thread, once per event even when Slack retries. */
export function appMention(deps: BotDeps) {
  return async ({ event, body, client, context }: SlackEventMiddlewareArgs<'app_mention'> & AllMiddlewareArgs): Promise<void> => {
    const eventId = body.event_id;
    if (!(await deps.store.claim(`event:${eventId}`, EVENT_MEMORY_SECONDS))) {
      deps.log.info({ surface: 'mention', eventId }, 'duplicate event ignored');
      return;
    }
    await deps.inflight.run(async () => {
      const user = event.user ?? 'unknown';
      const enterprise = (body as { enterprise_id?: string }).enterprise_id;
      const origin: Origin = {
        surface: 'mention',
        user,
        channel: event.channel,
        // In a shared (Slack Connect) channel the envelope names our workspace; the user's own is user_team.
        ...((event.user_team ?? body.team_id) && { team: event.user_team ?? body.team_id }),
        ...(enterprise && { enterprise }),
      };
      const thread = { channel: event.channel, thread_ts: event.thread_ts ?? event.ts };
      // Refusals are whispered to the asker, not posted in the incident thread.
      const refuse = async (refusal: Refusal) => {
        await client.chat.postEphemeral({ ...thread, user, ...renderNotice(refusal.message) });
        audit(deps.log, origin, undefined, { outcome: refusal.outcome });
      };
      const denied = await refuseAccess(deps, origin);
      if (denied) return refuse(denied);
      const args = mentionArguments(event.text, context.botUserId);
      const parsed = args === '' ? ({ kind: 'help' } as const) : parseQuery(args);
      if (parsed.kind !== 'query') {
        await client.chat.postMessage({ ...thread, ...renderUsage('mention', parsed.kind === 'invalid' ? parsed.problems : []) });
        audit(deps.log, origin, undefined, { outcome: parsed.kind === 'help' ? 'help' : 'invalid_input', input: args });
        return;
      }
      const limited = await refuseRate(deps, origin);
      if (limited) return refuse(limited);
      const answer = await answerQuery(deps, parsed.request, { shareable: false });
      await client.chat.postMessage({ ...thread, ...answer.message });
      audit(deps.log, origin, parsed.request, answer);
    });
  };
}
