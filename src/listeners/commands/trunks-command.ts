import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { answerQuery } from '../../trunks/answer-query.js';
import { parseQuery } from '../../trunks/parse-query.js';
import { renderUsage } from '../../trunks/render-notice.js';
import { logHandled, type BotDeps, type Origin } from '../deps.js';

/** `/trunks [filters]`: ack at once, then answer ephemerally through `respond()`. */
export function trunksCommand(deps: BotDeps) {
  return async ({ ack, command, respond }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    await deps.inflight.run(async () => {
      const origin: Origin = { surface: 'command', user: command.user_id, channel: command.channel_id, team: command.team_id };
      const parsed = parseQuery(command.text ?? '');
      if (parsed.kind !== 'query') {
        const problems = parsed.kind === 'invalid' ? parsed.problems : [];
        await respond({ response_type: 'ephemeral', ...renderUsage('command', problems) });
        logHandled(deps.log, origin, undefined, { outcome: parsed.kind === 'help' ? 'help' : 'invalid_input', input: command.text ?? '' });
        return;
      }
      const answer = await answerQuery(deps, parsed.request, { shareable: true });
      await respond({ response_type: 'ephemeral', ...answer.message });
      logHandled(deps.log, origin, parsed.request, answer);
    });
  };
}
