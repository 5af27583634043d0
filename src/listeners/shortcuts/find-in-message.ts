import type { AllMiddlewareArgs, MessageShortcut, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import { answerLookup, MAX_LOOKUP_ITEMS } from '../../pipeline/answer-lookup.js';
import { triggerClaim } from '../../pipeline/claims.js';
import type { BotDeps } from '../../pipeline/deps.js';
import type { Reading } from '../../pipeline/request.js';
import { runRequest } from '../../pipeline/run-request.js';
import { findIpsInText } from '../../trunks/find-ips.js';
import type { SlackMessage } from '../../trunks/message.js';
import { findPhoneNumbersInText } from '../../trunks/phone-number.js';
import { renderProblem } from '../../trunks/render-notice.js';
import { decodeSlackInput } from '../../trunks/slack-text.js';

type ShortcutArgs = SlackShortcutMiddlewareArgs<MessageShortcut> & AllMiddlewareArgs;

const NOTHING_FOUND =
  'I found no IP address or phone number in that message. The shortcut looks for addresses such as `203.0.113.25` or `2001:db8::1` and numbers with at least 7 digits, such as `+44 20 7946 0122`.';

/** "Find trunks in this message": every IP address and phone number in a message, and the trunks each belongs to, privately. */
export function findInMessage(deps: BotDeps) {
  return async ({ ack, shortcut, respond }: ShortcutArgs): Promise<void> => {
    await ack();
    const privately = (message: SlackMessage) => respond({ response_type: 'ephemeral', ...message });
    const text = decodeSlackInput(shortcut.message.text ?? '');
    const found = [
      ...findIpsInText(text).map((ip) => ({ ip })),
      ...findPhoneNumbersInText(text).map((number) => ({ number })),
    ];
    const looked = found.slice(0, MAX_LOOKUP_ITEMS);
    const read = (): Reading => {
      if (looked.length === 0) return { outcome: 'empty', reply: renderProblem(NOTHING_FOUND) };
      const ips = looked.flatMap((f) => ('ip' in f ? [f.ip] : []));
      const numbers = looked.flatMap((f) => ('number' in f ? [f.number] : []));
      return {
        request: { page: 1, ...(ips.length > 0 && { ips }), ...(numbers.length > 0 && { numbers }) },
        view: { shareable: true },
      };
    };
    await runRequest(deps, {
      origin: {
        surface: 'shortcut',
        user: shortcut.user.id,
        channel: shortcut.channel.id,
        ...(shortcut.user.team_id && { team: shortcut.user.team_id }),
        ...(shortcut.team?.enterprise_id && { enterprise: shortcut.team.enterprise_id }),
      },
      claims: triggerClaim(shortcut.trigger_id),
      read,
      whisper: privately,
      answer: (request, view) => answerLookup(deps, request, view, found.length - looked.length),
      reply: async (answer) => {
        await privately(answer.message);
      },
    });
  };
}
