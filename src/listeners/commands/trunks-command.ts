import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { answerQuery } from '../../trunks/answer-query.js';
import { parseQuery } from '../../trunks/parse-query.js';
import { renderNotice, renderUsage } from '../../trunks/render-notice.js';
import { audit, type BotDeps, type Origin } from '../deps.js';
import { firstDelivery, refuseAccess, refuseRate } from '../gate.js';

/** `/trunks [filters]`: ack at once, then answer ephemerally through `respond()`. */
export function trunksCommand(deps: BotDeps) {
  return async ({ ack, command, respond }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    await deps.inflight.run(async () => {
      const origin: Origin = {
        surface: 'command',
        user: command.user_id,
        channel: command.channel_id,
        team: command.team_id,
        ...(command.enterprise_id && { enterprise: command.enterprise_id }),
      };
      if (!(await firstDelivery(deps, command.trigger_id))) {
        deps.log.warn({ ...origin }, 'replayed slash command ignored');
        return;
      }
      const refusal = await refuseAccess(deps, origin);
      if (refusal) {
        await respond({ response_type: 'ephemeral', ...renderNotice(refusal.message) });
        audit(deps.log, origin, undefined, { outcome: refusal.outcome });
        return;
      }
      const parsed = parseQuery(command.text ?? '');
      if (parsed.kind !== 'query') {
        const problems = parsed.kind === 'invalid' ? parsed.problems : [];
        await respond({ response_type: 'ephemeral', ...renderUsage('command', problems) });
        audit(deps.log, origin, undefined, { outcome: parsed.kind === 'help' ? 'help' : 'invalid_input', input: command.text ?? '' });
        return;
      }
      const limited = await refuseRate(deps, origin);
      if (limited) {
        await respond({ response_type: 'ephemeral', ...renderNotice(limited.message) });
        audit(deps.log, origin, parsed.request, { outcome: limited.outcome });
        return;
      }
      const answer = await answerQuery(deps, parsed.request, { shareable: true });
      await respond({ response_type: 'ephemeral', ...answer.message });
      audit(deps.log, origin, parsed.request, answer);
    });
  };
}
