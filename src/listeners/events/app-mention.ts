import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { answerQuery } from '../../trunks/answer-query.js';
import { parseQuery } from '../../trunks/parse-query.js';
import { renderNotice, renderUsage } from '../../trunks/render-notice.js';
import type { SlackMessage } from '../../trunks/message.js';
import { audited, type BotDeps, type Origin } from '../deps.js';
import { refuseAccess, refuseRate } from '../gate.js';

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
    // Only answers go to the thread for everyone; refusals and usage are whispered to the asker, so
    // nobody can fill a busy incident thread with help texts.
    const whisper = (message: SlackMessage) => client.chat.postEphemeral({ ...thread, user, ...message });
    await deps.inflight.run(() =>
      audited(deps, origin, async (record) => {
        if (!(await deps.store.claim(`event:${body.event_id}`, EVENT_MEMORY_SECONDS))) {
          record.outcome = 'duplicate_event';
          return;
        }
        const denied = await refuseAccess(deps, origin);
        if (denied) {
          record.outcome = denied.outcome;
          await whisper(renderNotice(denied.message));
          return;
        }
        const args = mentionArguments(event.text, context.botUserId);
        const parsed = args === '' ? ({ kind: 'help' } as const) : parseQuery(args);
        if (parsed.kind !== 'query') {
          Object.assign(record, { outcome: parsed.kind === 'help' ? 'help' : 'invalid_input', input: args });
          await whisper(renderUsage('mention', parsed.kind === 'invalid' ? parsed.problems : []));
          return;
        }
        record.request = parsed.request;
        const limited = await refuseRate(deps, origin);
        if (limited) {
          record.outcome = limited.outcome;
          await whisper(renderNotice(limited.message));
          return;
        }
        const answer = await answerQuery(deps, parsed.request, { shareable: false });
        Object.assign(record, answer);
        await client.chat.postMessage({ ...thread, ...answer.message });
      }),
    );
  };
}
