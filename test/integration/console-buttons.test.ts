import { CONSOLE_HELP } from '../../devkit/console/console-help.js';
import { ConsoleSession } from '../../devkit/console/console-session.js';
import { buttonsOf, type ConsoleMessage } from '../../devkit/console/render-terminal.js';
import { startSandboxWorld, type SandboxWorld } from '../../devkit/sandbox/sandbox-world.js';
import type { SlackActivity } from '../../devkit/sandbox/slack-stand-in.js';
import { ACTION, SUGGESTION_ACTION } from '../../src/trunks/action-ids.js';
import { captureLogs } from '../support/capture-logs.js';

let world: SandboxWorld;

beforeEach(async () => {
  world = await startSandboxWorld({ logDestination: captureLogs().destination });
});

afterEach(async () => {
  await world.close();
});

/** The messages and modals in one thing the bot did on the Slack side. */
function shownIn(activity: SlackActivity): ConsoleMessage[] {
  if (activity.kind === 'response') return [activity.response.body];
  const { call } = activity;
  return call.ok ? [call.args, ...(call.view ? [call.view] : [])] : [];
}

/** Letters and words as a reader compares them; any number, and the help's `N`, reads as `#`. */
const words = (text: string): string =>
  ` ${text
    .replace(/\d+|\bN\b/g, '#')
    .toLowerCase()
    .replace(/[^a-z#]+/g, ' ')
    .trim()} `;

describe('console help and the bot’s buttons', () => {
  test('the help names every button label the bot draws, so none has to be guessed', async () => {
    const drawn: { label: string; actionId: string }[] = [];
    world.slack.onActivity((activity) => {
      for (const message of shownIn(activity)) drawn.push(...buttonsOf(message));
    });
    const out: string[] = [];
    const session = new ConsoleSession({ world, write: (l) => out.push(l), style: { color: false } });
    try {
      // Every surface that draws buttons: a page and its cards, page 2, the Details modal, a summary,
      // an empty answer with suggestions, the shortcut's answer, the list of watches.
      for (const line of [
        '/trunks outgoing acme',
        'next',
        'details',
        '/trunks stats',
        'changed in 24 h',
        '/trunks support tier 1',
        'shortcut SIP 503 from 203.0.113.47',
        '/trunks watch acme',
        '/trunks watching',
      ]) {
        await session.handle(line);
      }
    } finally {
      session.close();
    }
    // Typed labels click: "changed in 24 h" ran the summary's suggestion.
    expect(out.join('\n')).toContain('SIP trunks · changed in the last 1 day');

    // Rule 1: the walk above drew every action the bot has, so a new kind of button cannot hide from the help.
    const actions = drawn.map((button) => button.actionId);
    for (const id of Object.values(ACTION)) {
      const pattern = id === ACTION.suggestion ? SUGGESTION_ACTION : new RegExp(`^${id}$`);
      expect({ id, drawn: actions.some((a) => pattern.test(a)) }).toEqual({ id, drawn: true });
    }
    // Rule 2: the help names each label (numbers in labels, such as "List all 20 down", read as N).
    const help = words(CONSOLE_HELP.join(' '));
    for (const label of new Set(drawn.map((button) => button.label))) {
      expect({ label, inHelp: help.includes(words(label)) }).toEqual({ label, inHelp: true });
    }
  });
});
