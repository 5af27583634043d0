import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { triggerClaim } from '../../pipeline/claims.js';
import type { BotDeps } from '../../pipeline/deps.js';
import { runRequest } from '../../pipeline/run-request.js';
import { subcommandIntake } from '../../pipeline/subcommand-intake.js';
import type { SlackMessage } from '../../trunks/message.js';
import { readQuery } from '../../pipeline/read-query.js';

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
    // Typed privately, so an exported file goes privately too: to the user's direct message with the bot.
    const sub = subcommandIntake(deps, command.text ?? '', {
      origin,
      claims: triggerClaim(command.trigger_id),
      whisper: privately,
      post,
      progress: noteOnce,
      client,
      exportTo: { kind: 'dm' },
    });
    if (sub) {
      await runRequest(deps, sub);
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
