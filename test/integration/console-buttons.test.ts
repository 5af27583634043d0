import { CONSOLE_HELP } from '../../devkit/console/console-help.js';
import { ConsoleSession } from '../../devkit/console/console-session.js';
import { buttonsOf, type ConsoleMessage } from '../../devkit/console/render-terminal.js';
import { startSandboxWorld, type SandboxWorld } from '../../devkit/sandbox/sandbox-world.js';
import type { SlackActivity } from '../../devkit/sandbox/slack-stand-in.js';
import { ACTION, HOME_QUERY_ACTION, SUGGESTION_ACTION } from '../../src/trunks/action-ids.js';
import { captureLogs } from '../support/capture-logs.js';

let world: SandboxWorld;

let tooLarge: SandboxWorld;

beforeEach(async () => {
  // Watch polls every second, so an alert (and its buttons) comes within the walk.
  const env = { WATCH_INTERVAL_SECONDS: '1', WATCH_CONFIRM_POLLS: '1' };
  world = await startSandboxWorld({ logDestination: captureLogs().destination, env });
  // More trunks than the bot collects: every query asks ITNIO, so a failing ITNIO shows Retry.
  tooLarge = await startSandboxWorld({
    logDestination: captureLogs().destination,
    env: { INVENTORY_MAX_TRUNKS: '100' },
  });
});

afterEach(async () => {
  await Promise.all([world.close(), tooLarge.close()]);
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
    for (const w of [world, tooLarge]) {
      w.slack.onActivity((activity) => {
        for (const message of shownIn(activity)) drawn.push(...buttonsOf(message));
      });
    }
    const out: string[] = [];
    const failing = new ConsoleSession({ world: tooLarge, write: (l) => out.push(l), style: { color: false } });
    try {
      // A search ITNIO fails, and a Refresh it fails: each error offers its Retry.
      await failing.handle('/trunks outgoing');
      tooLarge.sandbox!.inject({ kind: 'http', status: 503 }, 100);
      await failing.handle('refresh');
      await failing.handle('/trunks incoming');
    } finally {
      failing.close();
    }
    const session = new ConsoleSession({ world, write: (l) => out.push(l), style: { color: false } });
    try {
      // Every surface that draws buttons: a page and its cards, page 2, the Details modal, a summary,
      // an empty answer with suggestions, the shortcut's answer, the list of watches, an alert, the Home tab.
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
        'itnio down acme-out-01',
        'wait 4',
        'home',
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
      const numbered: Record<string, RegExp> = {
        [ACTION.suggestion]: SUGGESTION_ACTION,
        [ACTION.homeQuery]: HOME_QUERY_ACTION,
      };
      const pattern = numbered[id] ?? new RegExp(`^${id}$`);
      expect({ id, drawn: actions.some((a) => pattern.test(a)) }).toEqual({ id, drawn: true });
    }
    // Rule 2: the help names each label (numbers in labels, such as "List all 20 down", read as N).
    const help = words(CONSOLE_HELP.join(' '));
    for (const label of new Set(drawn.map((button) => button.label))) {
      expect({ label, inHelp: help.includes(words(label)) }).toEqual({ label, inHelp: true });
    }
  });
});
