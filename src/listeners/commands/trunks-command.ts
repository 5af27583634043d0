import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { answerQuery } from '../../trunks/answer-query.js';
import type { SlackMessage } from '../../trunks/message.js';
import { readQuery } from '../../trunks/read-query.js';
import { audited, type BotDeps, type Origin } from '../deps.js';
import { admit, firstDelivery } from '../gate.js';

/** `/trunks [filters]`: ack at once, then answer ephemerally through `respond()`. */
export function trunksCommand(deps: BotDeps) {
  return async ({ ack, command, respond }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const origin: Origin = {
      surface: 'command',
      user: command.user_id,
      channel: command.channel_id,
      team: command.team_id,
      ...(command.enterprise_id && { enterprise: command.enterprise_id }),
    };
    const reply = (message: SlackMessage) => respond({ response_type: 'ephemeral', ...message });
    await deps.inflight.run(() =>
      audited(deps, origin, async (record) => {
        if (!(await firstDelivery(deps, command.trigger_id))) {
          record.outcome = 'replay_ignored';
          return;
        }
        const admitted = await admit<object>(deps, origin, record, reply, () => readQuery(command.text ?? '', 'command'));
        if (!admitted) return;
        const answer = await answerQuery(deps, admitted.request, { shareable: true });
        Object.assign(record, answer);
        await reply(answer.message);
      }),
    );
  };
}
