import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { triggerClaim } from '../../pipeline/claims.js';
import type { BotDeps } from '../../pipeline/deps.js';
import { runRequest } from '../../pipeline/run-request.js';
import type { SlackMessage } from '../../trunks/message.js';
import { readQuery } from '../../pipeline/read-query.js';
import { exportIntake, readExport } from '../../pipeline/export-intake.js';
import { readExportCommand } from '../../trunks/export-command.js';
import { watchIntake } from '../../pipeline/watch-intake.js';
import { readWatchCommand } from '../../trunks/watch-command.js';

/**
 * `/trunks [filters]`: ack at once, then answer ephemerally through `respond()`. `watch …` manages the channel's
 * watches; `export [filters]` sends the matching trunks as a CSV file to the user's DM with the bot.
 */
export function trunksCommand(deps: BotDeps) {
  return async ({ ack, command, respond, client }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    // Once a progress note is showing, later messages replace it rather than pile up under it.
    let progressShown = false;
    const privately = (message: SlackMessage) =>
      respond({ response_type: 'ephemeral', ...(progressShown && { replace_original: true }), ...message });
    const origin = {
      surface: 'command' as const,
      user: command.user_id,
      channel: command.channel_id,
      team: command.team_id,
      ...(command.enterprise_id && { enterprise: command.enterprise_id }),
    };
    const watch = readWatchCommand(command.text ?? '');
    if (watch) {
      await runRequest(
        deps,
        watchIntake(deps, watch, {
          origin,
          claims: triggerClaim(command.trigger_id),
          whisper: privately,
          post: (message) => client.chat.postMessage({ channel: command.channel_id, ...message }),
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
          progress: async (message) => {
            await privately(message);
            progressShown = true;
          },
          client,
          destination: { kind: 'dm' },
        }),
      );
      return;
    }
    await runRequest(deps, {
      origin,
      claims: triggerClaim(command.trigger_id),
      read: () => readQuery(command.text ?? '', 'command', { shareable: true }),
      whisper: privately,
      progress: async (message) => {
        await privately(message);
        progressShown = true;
      },
      reply: async (answer) => {
        await privately(answer.message);
      },
    });
  };
}
