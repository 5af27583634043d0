import type { App } from '@slack/bolt';
import { register } from '../../src/listeners/actions/index.js';
import { ACTION, homeQueryAction, suggestionAction } from '../../src/trunks/action-ids.js';
import { fakeDeps, recorder } from '../support/fake-bolt.js';

type Handler = (args: unknown) => Promise<void>;

/** The action listeners `register` adds to an app. */
function actionListeners(): { matcher: unknown; handler: Handler }[] {
  const listeners: { matcher: unknown; handler: Handler }[] = [];
  const app = { action: (matcher: unknown, handler: Handler) => listeners.push({ matcher, handler }) };
  register(app as unknown as App, fakeDeps().deps);
  return listeners;
}

describe('button listener', () => {
  const listeners = actionListeners();

  test('one Bolt listener takes every trunkbot button, numbered ones included', () => {
    expect(listeners).toHaveLength(1);
    const matcher = listeners[0]!.matcher as RegExp;
    for (const id of [...Object.values(ACTION), suggestionAction(3), homeQueryAction(12)]) {
      expect(matcher.test(id)).toBe(true);
    }
    expect(matcher.test('channel')).toBe(false);
  });

  test('a button id no handler knows is acked and logged, not left for Slack to time out', async () => {
    const ack = recorder();
    const warnings: string[] = [];
    const logger = { warn: (message: string) => warnings.push(message) };
    await listeners[0]!.handler({ ack, logger, action: { action_id: 'trunks_from_a_later_version' } });
    expect(ack.calls).toHaveLength(1);
    expect(warnings).toEqual(['no handler for the button "trunks_from_a_later_version"']);
  });
});
