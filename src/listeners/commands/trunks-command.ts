import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { triggerClaim } from '../../pipeline/claims.js';
import type { BotDeps } from '../../pipeline/deps.js';
import { runRequest } from '../../pipeline/run-request.js';
import type { SlackMessage } from '../../trunks/message.js';
import { readQuery } from '../../pipeline/read-query.js';
import { digestIntake } from '../../pipeline/digest-intake.js';
import { exportIntake, readExport } from '../../pipeline/export-intake.js';
import { readExportCommand } from '../../trunks/export-command.js';
import { watchIntake } from '../../pipeline/watch-intake.js';
import { readDigestCommand } from '../../trunks/digest-command.js';
import { readWatchCommand } from '../../trunks/watch-command.js';

/**
 * `/trunks [filters]`: ack at once, then answer ephemerally through `respond()`. `watch …` manages the channel's
 * watches, `digest …` its daily digest; `export [filters]` sends the matching trunks as a CSV file to the
 * user's DM with the bot.
 */
export function trunksCommand(deps: BotDeps) {
  return async ({ ack, command, respond, client }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const privately = (message: SlackMessage) => respond({ response_type: 'ephemeral', ...message });
    // Slack does not let a slash command's response_url replace a message it posted before (only a
    // button's can: slackapi/bolt-js#2287, slackapi/bolt-python#1268), so every note would stay above the
    // answer: one note ("Asking ITNIO…") says the bot is working, and the answer follows it.
    let noted = false;
    const noteOnce = async (message: SlackMessage) => {
      if (noted) return;
      noted = true;
      await privately(message);
    };
    const origin = {
      surface: 'command' as const,
      user: command.user_id,
      channel: command.channel_id,
      team: command.team_id,
      ...(command.enterprise_id && { enterprise: command.enterprise_id }),
    };
    const post = (message: SlackMessage) => client.chat.postMessage({ channel: command.channel_id, ...message });
    const watch = readWatchCommand(command.text ?? '');
    if (watch) {
      await runRequest(
        deps,
        watchIntake(deps, watch, { origin, claims: triggerClaim(command.trigger_id), whisper: privately, post }),
      );
      return;
    }
    const digest = readDigestCommand(command.text ?? '');
    if (digest) {
      await runRequest(
        deps,
        digestIntake(deps, digest, {
          origin,
          claims: triggerClaim(command.trigger_id),
          whisper: privately,
          post,
          userTimeZone: async () => (await client.users.info({ user: command.user_id })).user?.tz,
        }),
      );
      return;
    }
    const exported = readExportCommand(command.text ?? '');
    if (exported) {
      // Typed privately, so the file goes privately too: to the user's direct message with the bot.
      await runRequest(
        deps,
        exportIntake(deps, {
          origin,
          claims: triggerClaim(command.trigger_id),
          read: () => readExport(exported.filters, 'command'),
          whisper: privately,
          progress: noteOnce,
          client,
          destination: { kind: 'dm' },
        }),
      );
      return;
    }
    await runRequest(deps, {
      origin,
      claims: triggerClaim(command.trigger_id),
      read: () => readQuery(command.text ?? '', 'command', { shareable: true, retryable: true }),
      whisper: privately,
      progress: noteOnce,
      reply: async (answer) => {
        await privately(answer.message);
      },
    });
  };
}
