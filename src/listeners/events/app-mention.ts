import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { slackErrorCode } from '../../log.js';
import { eventClaim } from '../../pipeline/claims.js';
import type { BotDeps } from '../../pipeline/deps.js';
import { readQuery } from '../../pipeline/read-query.js';
import { runRequest } from '../../pipeline/run-request.js';
import { subcommandIntake } from '../../pipeline/subcommand-intake.js';
import type { SlackMessage } from '../../trunks/message.js';

// People address the bot like a person: "@trunkbot: in globex", "@trunkbot, down", "@trunkbot trunks?".
const AFTER_MENTION = /^[:,]+/;
const LEADING_TRUNKS = /^trunks?(?:$|[:,.!?]+|(?=\s))/i;

/**
 * The words meant for the bot: what follows its mention ("hey @trunkbot in acme" → "in acme", also after
 * "@trunkbot:" or "@trunkbot,"), or what precedes it when nothing follows ("outgoing acme @trunkbot"), without a
 * leading `trunks`. A bare mention gives '' (the caller answers with help); `trunks` alone asks for every trunk,
 * so it becomes the explicit `all`.
 */
export function mentionArguments(text: string, botUserId: string | undefined): string {
  const own =
    botUserId && /^[A-Z0-9]+$/i.test(botUserId)
      ? new RegExp(`<@${botUserId}(?:\\|[^>]*)?>`)
      : /<@[A-Z0-9]+(?:\|[^>]*)?>/i;
  const match = own.exec(text);
  let words = text;
  if (match) {
    const after = text.slice(match.index + match[0].length).replace(AFTER_MENTION, '');
    words = after.trim() !== '' ? after : text.slice(0, match.index);
  }
  const rest = words.replace(new RegExp(own.source, 'gi'), ' ').replace(/\s+/g, ' ').trim();
  const afterTrunks = rest.replace(LEADING_TRUNKS, '').trim();
  return afterTrunks === rest || afterTrunks !== '' ? afterTrunks : 'all';
}

/**
 * `@trunkbot [trunks] [filters]`: answer in the mention's thread, once per event even when Slack retries.
 * `@trunkbot watch …`, `watching` and `unwatch …` manage the channel's watches, and `digest …` its daily
 * digest, as the slash command does; `@trunkbot export …` posts the CSV file in the thread, where a
 * mention's answers go.
 */
export function appMention(deps: BotDeps) {
  return async ({
    event,
    body,
    client,
    context,
  }: SlackEventMiddlewareArgs<'app_mention'> & AllMiddlewareArgs): Promise<void> => {
    const user = event.user ?? 'unknown';
    const team = event.user_team ?? body.team_id;
    const enterprise = (body as { enterprise_id?: string }).enterprise_id;
    const thread = { channel: event.channel, thread_ts: event.thread_ts ?? event.ts };
    const origin = {
      surface: 'mention' as const,
      user,
      channel: event.channel,
      // In a shared (Slack Connect) channel the envelope names our workspace; the user's own is user_team.
      ...(team && { team }),
      ...(enterprise && { enterprise }),
    };
    const words = mentionArguments(event.text, context.botUserId);
    // Only answers go to the thread for everyone; refusals and usage are whispered to the asker, so
    // nobody can fill a busy incident thread with help texts.
    const whisper = (message: SlackMessage) => client.chat.postEphemeral({ ...thread, user, ...message });
    // A watch or a digest belongs to the channel: it is announced there, not in the mention's thread.
    const post = (message: SlackMessage) => client.chat.postMessage({ channel: event.channel, ...message });
    // An exported file goes where the mention's answers go: into its thread.
    const sub = subcommandIntake(deps, words, {
      origin,
      claims: eventClaim(body.event_id),
      whisper,
      post,
      client,
      exportTo: { kind: 'channel', channel: thread.channel, threadTs: thread.thread_ts },
    });
    if (sub) {
      await runRequest(deps, sub);
      return;
    }
    // A slow answer first shows a note in the thread; that note then becomes the answer, edited in place.
    let note: string | undefined;
    const answerInThread = async (message: SlackMessage): Promise<void> => {
      if (note !== undefined) {
        try {
          await client.chat.update({ channel: event.channel, ts: note, ...message });
          return;
        } catch (error) {
          // The note cannot be edited (someone deleted it): the answer still goes into the thread.
          deps.log.info(
            { slackError: slackErrorCode(error) ?? 'unknown' },
            'could not edit the thread note; posting anew',
          );
          note = undefined;
        }
      }
      const posted = await client.chat.postMessage({ ...thread, ...message });
      note ??= posted.ts;
    };
    await runRequest(deps, {
      origin,
      claims: eventClaim(body.event_id),
      read: () => readQuery(words, 'mention', { shareable: false, retryable: true }),
      whisper,
      progress: answerInThread,
      reply: (answer) => answerInThread(answer.message),
    });
  };
}
