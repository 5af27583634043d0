import { overflowNumberOf } from '../../devkit/sandbox/seed-addresses.js';
import { SANDBOX_PASSWORD_PREFIX, type RawTrunk } from '../../devkit/sandbox/seed-trunks.js';
import { startSandboxWorld, type SandboxWorld } from '../../devkit/sandbox/sandbox-world.js';
import { SANDBOX_BOT_TOKEN, type ApiCall } from '../../devkit/sandbox/slack-stand-in.js';
import type { SlackView } from '../../devkit/sandbox/slack-views.js';
import { ACTION } from '../../src/trunks/action-ids.js';
import { createButtonSeal } from '../../src/trunks/button-seal.js';
import { encodeTrunkRef } from '../../src/trunks/trunk-ref.js';
import { allButtonsOf, cardIdsOf, detailsValueOf, newUserId, visibleText } from '../support/answers.js';
import { captureLogs, waitForAudit, type CapturedLogs } from '../support/capture-logs.js';
import { ask, clickWithTrigger } from '../support/world-helpers.js';

// Names that pick out one trunk each, with the grammar every version of the bot reads (plain name words).
const BY_NAME: Record<number, string> = {
  5000011: 'pacmedia-out-01',
  5000012: 'pacmedia-in-01',
  5000033: 'raccoon',
  5000044: 'soylent inbound us',
  5000061: 'launch',
};

/** What a Details click led to: the modal opened for its trigger and the update that filled it in. */
interface DetailsShown {
  opened: ApiCall;
  updated: ApiCall;
  view: SlackView;
  user: string;
}

/** Lists trunk `id` in `channelId`, clicks Details on its card and waits for the modal to be filled in. */
async function showDetails(
  world: SandboxWorld,
  logs: CapturedLogs,
  id: number,
  channelId = 'C0LISTS',
): Promise<DetailsShown> {
  const { reply } = await ask(world, logs, BY_NAME[id]!, { channelId });
  expect(cardIdsOf(reply.body)).toEqual([id]);
  const user = newUserId();
  const { triggerId } = await clickWithTrigger(world, {
    actionId: ACTION.details,
    value: detailsValueOf(reply.body, id),
    userId: user,
    channelId,
    isEphemeral: true,
  });
  const opened = await world.slack.waitForCall('views.open', (c) => c.args.trigger_id === triggerId);
  expect(opened.ok).toBe(true);
  const updated = await world.slack.waitForCall('views.update', (c) => c.args.view_id === opened.view!.id);
  return { opened, updated, view: updated.view!, user };
}

const addressesOf = (t: RawTrunk) =>
  [t.sipGatewayIp, t.sipWhiteIp, t.ccIp].filter((v): v is string => v !== null).flatMap((v) => v.split(/[,;]\s*/));

describe('the Details modal', () => {
  let world: SandboxWorld;
  let logs: CapturedLogs;
  const trunk = (id: number) => world.sandbox!.trunks.find((t) => t.keyId === id)!;

  beforeAll(async () => {
    logs = captureLogs();
    world = await startSandboxWorld({ logDestination: logs.destination, env: { RATE_LIMIT_PER_USER: '0' } });
  });
  afterAll(() => world.close());

  test.each([5_000_011, 5_000_012, 5_000_033, 5_000_044, 5_000_061])(
    'opens for the click’s trigger and fills in trunk %i within Slack’s modal limits, without the password',
    async (id) => {
      const { updated, view } = await showDetails(world, logs, id);
      // The stand-in refuses a view over Slack's limits (title, blocks, text lengths, size) with ok: false.
      expect({ ok: updated.ok, error: updated.error, messages: updated.messages }).toEqual({
        ok: true,
        error: undefined,
        messages: undefined,
      });
      const text = visibleText(view);
      expect(text).toContain(String(id));
      for (const address of addressesOf(trunk(id))) expect(text).toContain(address);
      const json = JSON.stringify(updated.args);
      expect(json).not.toContain(SANDBOX_PASSWORD_PREFIX);
      expect(json).not.toContain(trunk(id).sipPassword!);
    },
  );

  test('shows every address of a field that holds several', async () => {
    const gateway = visibleText((await showDetails(world, logs, 5_000_011)).view);
    expect(gateway).toContain('203.0.113.10');
    expect(gateway).toContain('203.0.113.11');
    const whitelist = visibleText((await showDetails(world, logs, 5_000_012)).view);
    expect(whitelist).toContain('198.51.100.7');
    expect(whitelist).toContain('198.51.100.8');
  });

  test('lists all 40 agent groups of 5000044, each with its number', async () => {
    const lines = visibleText((await showDetails(world, logs, 5_000_044)).view).split('\n');
    for (let j = 0; j < 40; j++) {
      const line = lines.find((l) => new RegExp(`\\bOverflow Queue ${j + 1}\\b`).test(l));
      expect({ group: j + 1, line }).toEqual({ group: j + 1, line: expect.stringContaining(overflowNumberOf(j)) });
    }
  });

  test('Share to channel posts that one trunk into the channel the list was in, attributed', async () => {
    const { view, user } = await showDetails(world, logs, 5_000_044, 'C0BRIDGE');
    const share = allButtonsOf(view).find((b) => b.action_id === ACTION.shareDetails);
    expect(share?.text.text).toBe('Share to channel');
    await world.sender.viewBlockAction({ actionId: ACTION.shareDetails, value: share!.value!, view, userId: user });
    const posted = await world.slack.waitForCall('chat.postMessage', (c) => c.args.channel === 'C0BRIDGE');
    expect(posted.ok).toBe(true);
    expect(cardIdsOf(posted.args)).toEqual([5_000_044]);
    expect(JSON.stringify(posted.args)).toContain(`shared by <@${user}>`);
    expect(JSON.stringify(posted.args)).not.toContain(SANDBOX_PASSWORD_PREFIX);
    const audit = await waitForAudit(logs, (l) => l.user === user && l.surface === 'share');
    expect(audit).toMatchObject({ outcome: 'shared_via_chat.postMessage', channel: 'C0BRIDGE' });
  });
});

describe('a Details button with a tampered value', () => {
  const genuine = encodeTrunkRef({ id: '5000011' }, createButtonSeal(SANDBOX_BOT_TOKEN));
  test.each([
    ['not sealed at all', 'garbage'],
    ['sealed by the bot for one trunk, then edited to another', genuine.replace('5000011', '5000044')],
  ])('(%s) is refused in the modal, and ITNIO is never asked', async (_label, value) => {
    const logs = captureLogs();
    const world = await startSandboxWorld({ logDestination: logs.destination });
    try {
      const user = newUserId();
      const { triggerId } = await clickWithTrigger(world, { actionId: ACTION.details, value, userId: user });
      const opened = await world.slack.waitForCall('views.open', (c) => c.args.trigger_id === triggerId);
      const updated = await world.slack.waitForCall('views.update', (c) => c.args.view_id === opened.view!.id);
      expect(visibleText(updated.view!)).toContain('out of date or was changed');
      const audit = await waitForAudit(logs, (l) => l.user === user);
      expect(audit).toMatchObject({ surface: 'details', outcome: 'invalid_button' });
      expect(world.sandbox!.requests).toHaveLength(0);
    } finally {
      await world.close();
    }
  });
});
