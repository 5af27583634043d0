import type { RespondFn, webApi } from '@slack/bolt';
import { errorFields, slackErrorCode, type Logger } from '../log.js';
import type { SlackMessage } from '../trunks/message.js';
import { renderCannotPost } from '../trunks/render-notice.js';
import type { Outcome } from './outcome.js';
import type { Origin } from './request.js';

/** How a Share reaches the channel: as the bot, or through the click's response_url. */
export interface ShareRoute {
  client: webApi.WebClient;
  respond: RespondFn;
  log: Logger;
  origin: Origin;
  channel: string;
}

/**
 * Posts a page into the channel for everyone, attributed to the user.
 * Rule 1: post as the bot (works in public channels, and anywhere the bot is a member).
 * Rule 2: if Slack refuses, post through the response_url as an in-channel reply.
 * Rule 3: if that fails too, tell the user exactly what to do.
 * The private copy is removed once the shared one exists.
 */
export async function shareToChannel(route: ShareRoute, message: SlackMessage): Promise<Outcome> {
  const { client, respond, log, origin, channel } = route;
  let outcome: Outcome = 'shared_via_chat.postMessage';
  try {
    await client.chat.postMessage({ channel, ...message });
  } catch (postError) {
    log.info(
      { ...origin, slackError: slackErrorCode(postError) ?? 'unknown' },
      'share via chat.postMessage refused; using response_url',
    );
    outcome = 'shared_via_response_url';
    try {
      await respond({ response_type: 'in_channel', replace_original: false, ...message });
    } catch (respondError) {
      log.warn({ ...origin, ...errorFields(respondError) }, 'share via response_url failed');
      await respond({ response_type: 'ephemeral', replace_original: false, ...renderCannotPost() }).catch(
        (whisperError: unknown) =>
          log.warn({ ...origin, ...errorFields(whisperError) }, 'could not tell the user the share failed'),
      );
      return 'share_failed';
    }
  }
  // The share itself succeeded; a private copy Slack will not delete is only clutter, so it is not a failure.
  await respond({ delete_original: true }).catch((deleteError: unknown) =>
    log.info({ ...origin, ...errorFields(deleteError) }, 'could not remove the private copy after sharing'),
  );
  return outcome;
}
