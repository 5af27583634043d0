import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { answerQuery } from '../../trunks/answer-query.js';
import { parseQuery } from '../../trunks/parse-query.js';
import { renderNotice, renderUsage } from '../../trunks/render-notice.js';
import { audited, type BotDeps, type Origin } from '../deps.js';
import { firstDelivery, refuseAccess, refuseRate } from '../gate.js';

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
    await deps.inflight.run(() =>
      audited(deps, origin, async (record) => {
        if (!(await firstDelivery(deps, command.trigger_id))) {
          record.outcome = 'replay_ignored';
          return;
        }
        const refusal = await refuseAccess(deps, origin);
        if (refusal) {
          record.outcome = refusal.outcome;
          await respond({ response_type: 'ephemeral', ...renderNotice(refusal.message) });
          return;
        }
        const parsed = parseQuery(command.text ?? '');
        if (parsed.kind !== 'query') {
          Object.assign(record, { outcome: parsed.kind === 'help' ? 'help' : 'invalid_input', input: command.text ?? '' });
          await respond({ response_type: 'ephemeral', ...renderUsage('command', parsed.kind === 'invalid' ? parsed.problems : []) });
          return;
        }
        record.request = parsed.request;
        const limited = await refuseRate(deps, origin);
        if (limited) {
          record.outcome = limited.outcome;
          await respond({ response_type: 'ephemeral', ...renderNotice(limited.message) });
          return;
        }
        const answer = await answerQuery(deps, parsed.request, { shareable: true });
        Object.assign(record, answer);
        await respond({ response_type: 'ephemeral', ...answer.message });
      }),
    );
  };
}
