import type { types } from '@slack/bolt';
import type { RawTrunk } from '../../devkit/sandbox/seed-trunks.js';
import type { SandboxWorld } from '../../devkit/sandbox/sandbox-world.js';
import type { ApiCall } from '../../devkit/sandbox/slack-stand-in.js';
import type { SlackView } from '../../devkit/sandbox/slack-views.js';
import { ACTION, SHARE_FORM } from '../../src/trunks/action-ids.js';
import { allButtonsOf, cardIdsOf, newUserId, visibleText } from '../support/answers.js';
import { type CapturedLogs, waitForAudit } from '../support/capture-logs.js';
import { acmeUp, watchWorld } from '../support/watch-world.js';
import { clickWithTrigger } from '../support/world-helpers.js';

const WATCHING = 'C0WATCHING';
const INCIDENT = 'C0INCIDENT';

interface AlertWorld {
  world: SandboxWorld;
  logs: CapturedLogs;
  trunk: RawTrunk;
  alert: ApiCall;
}

/** A world whose watch of Acme in WATCHING has alerted one Acme gateway down (the poller driven by hand). */
async function alertWorld(env: NodeJS.ProcessEnv = {}): Promise<AlertWorld> {
  const { world, logs, poll } = await watchWorld({ env: { WATCH_CONFIRM_POLLS: '1', ...env } });
  const userId = newUserId();
  await world.sender.slashCommand({
    text: 'watch acme',
    responseUrl: world.slack.newResponseUrl(),
    userId,
    channelId: WATCHING,
  });
  expect((await waitForAudit(logs, (l) => l.user === userId)).outcome).toBe('watch_added');
  await poll();
  const trunk = acmeUp(world);
  world.sandbox!.changeTrunk(String(trunk.keyId), { gateway: 'down' });
  expect(await poll()).toMatchObject({ posts: 1 });
  const alert = await world.slack.waitForCall(
    'chat.postMessage',
    (c) => c.ok && c.args.channel === WATCHING && /Gateway down/.test(JSON.stringify(c.args.blocks)),
  );
  return { world, logs, trunk, alert };
}

/** Presses Share… on the alert as `user` and returns the form Slack opened for that click. */
async function openShareForm({ world, alert }: AlertWorld, user: string): Promise<SlackView> {
  const share = allButtonsOf(alert.args).find((b) => b.action_id === ACTION.shareToChannel);
  if (!share?.value) throw new Error('no Share… button on the alert');
  const { triggerId } = await clickWithTrigger(world, {
    actionId: ACTION.shareToChannel,
    value: share.value,
    userId: user,
    channelId: WATCHING,
    isEphemeral: false,
    message: { ts: alert.ts!, blocks: alert.args.blocks as unknown[] },
  });
  const opened = await world.slack.waitForCall('views.open', (c) => c.args.trigger_id === triggerId);
  // The stand-in refuses a view Slack would refuse (title, blocks, metadata lengths).
  expect({ ok: opened.ok, messages: opened.messages }).toEqual({ ok: true, messages: undefined });
  return opened.view!;
}

/** Submits the form with a channel picked and a note typed; returns the bot's answer as Slack reads it. */
async function submit(world: SandboxWorld, view: SlackView, user: string, channel: string, note?: string) {
  const result = await world.sender.viewSubmission({
    view,
    userId: user,
    inputs: { [SHARE_FORM.channelBlock]: channel, ...(note !== undefined && { [SHARE_FORM.noteBlock]: note }) },
  });
  expect(result.status).toBe(200);
  return (result.body === '' ? {} : JSON.parse(result.body)) as {
    response_action?: string;
    errors?: Record<string, string>;
    view?: { blocks: unknown[] };
  };
}

const postsIn = (world: SandboxWorld, channel: string) =>
  world.slack.calls.filter((c) => c.method === 'chat.postMessage' && c.ok && c.args.channel === channel);

describe('Share… on an alert', () => {
  let w: AlertWorld;
  beforeAll(async () => {
    w = await alertWorld();
  });
  afterAll(() => w.world.close());

  test('opens a form with a channel picker and a note, the trunk sealed in it', async () => {
    const view = await openShareForm(w, newUserId());
    expect(view).toMatchObject({ callback_id: SHARE_FORM.callbackId, title: { text: 'Share trunk to a channel' } });
    expect(view.private_metadata).not.toBe('');
    const inputs = (view.blocks as types.InputBlock[]).filter((b) => b.type === 'input');
    expect(inputs.map((b) => [b.block_id, b.element.type, b.optional ?? false])).toEqual([
      [SHARE_FORM.channelBlock, 'conversations_select', false],
      [SHARE_FORM.noteBlock, 'plain_text_input', true],
    ]);
    const picker = inputs[0]!.element as types.ConversationsSelect;
    expect(picker.filter).toEqual({ include: ['public', 'private'], exclude_bot_users: true });
    // Preselecting "the current conversation" would pick the alert's own channel.
    expect(picker.default_to_current_conversation).toBeUndefined();
    expect(inputs[1]!.element).toMatchObject({ multiline: true, max_length: 500 });
    expect(visibleText(view)).toContain(String(w.trunk.keyId));
  });

  test('posts the trunk into the picked channel, shared by the user, with the note escaped; the form closes', async () => {
    const { world, logs, trunk } = w;
    const user = newUserId();
    const view = await openShareForm(w, user);
    expect(await submit(world, view, user, INCIDENT, '<!channel> look')).toEqual({ response_action: 'clear' });
    const audit = await waitForAudit(logs, (l) => l.user === user);
    expect(audit).toMatchObject({
      surface: 'share_to_channel',
      outcome: 'shared_via_chat.postMessage',
      channel: INCIDENT,
      fromChannel: WATCHING,
      trunks: [{ id: trunk.keyId }],
    });
    const [posted] = postsIn(world, INCIDENT);
    expect(cardIdsOf(posted!.args)).toEqual([trunk.keyId]);
    const json = JSON.stringify(posted!.args);
    expect(json).toContain(`shared by <@${user}>`);
    expect(json).toContain('&lt;!channel&gt; look');
    expect(json).not.toContain('<!channel>');
    expect(json).not.toContain(trunk.sipPassword!);
  });

  test('a channel the bot is not in keeps the form open with how to invite it, and nothing is posted there', async () => {
    const { world, logs, trunk } = w;
    world.slack.setChannel('C0PRIVATE', { botMember: false });
    const user = newUserId();
    const view = await openShareForm(w, user);
    const answer = await submit(world, view, user, 'C0PRIVATE', 'look');
    expect(answer).toEqual({
      response_action: 'errors',
      errors: { [SHARE_FORM.channelBlock]: expect.stringContaining('/invite @trunkbot') },
    });
    expect(await waitForAudit(logs, (l) => l.user === user)).toMatchObject({
      outcome: 'share_failed',
      channel: 'C0PRIVATE',
    });
    expect(postsIn(world, 'C0PRIVATE')).toHaveLength(0);

    // Invited, the same form goes through: a failed share may be tried again.
    world.slack.setChannel('C0PRIVATE', { botMember: true });
    expect(await submit(world, view, user, 'C0PRIVATE')).toEqual({ response_action: 'clear' });
    await waitForAudit(logs, (l) => l.user === user && l.outcome === 'shared_via_chat.postMessage');
    expect(postsIn(world, 'C0PRIVATE').map((c) => cardIdsOf(c.args))).toEqual([[trunk.keyId]]);
  });

  test('a tampered private_metadata is refused on a view over the form, and nothing is posted', async () => {
    const { world, logs, trunk } = w;
    const user = newUserId();
    const view = await openShareForm(w, user);
    const other = world.sandbox!.trunks.find((t) => t.keyId !== trunk.keyId)!;
    const tampered = view.private_metadata.replace(String(trunk.keyId), String(other.keyId));
    expect(tampered).not.toBe(view.private_metadata);
    const before = world.slack.calls.filter((c) => c.method === 'chat.postMessage').length;
    const answer = await submit(world, { ...view, private_metadata: tampered }, user, 'C0TAMPER');
    expect(answer.response_action).toBe('push');
    expect(visibleText(answer.view!)).toContain('out of date or was changed');
    expect(await waitForAudit(logs, (l) => l.user === user)).toMatchObject({
      surface: 'share_to_channel',
      outcome: 'invalid_button',
    });
    expect(world.slack.calls.filter((c) => c.method === 'chat.postMessage')).toHaveLength(before);
  });
});

describe('Share… on an alert with a channel allowlist', () => {
  test('a picked channel off the list is refused, and nothing is posted there', async () => {
    const w = await alertWorld({ ALLOWED_CHANNEL_IDS: `${WATCHING},${INCIDENT}` });
    try {
      const { world, logs } = w;
      const user = newUserId();
      const view = await openShareForm(w, user);
      const answer = await submit(world, view, user, 'C0RANDOM');
      expect(answer.response_action).toBe('push');
      expect(visibleText(answer.view!)).toContain("isn't enabled in <#C0RANDOM>");
      expect(await waitForAudit(logs, (l) => l.user === user)).toMatchObject({
        outcome: 'refused_channel',
        channel: 'C0RANDOM',
        fromChannel: WATCHING,
      });
      expect(postsIn(world, 'C0RANDOM')).toHaveLength(0);
      // On the list, the same form shares.
      expect(await submit(world, view, user, INCIDENT)).toEqual({ response_action: 'clear' });
      await waitForAudit(logs, (l) => l.user === user && l.outcome === 'shared_via_chat.postMessage');
    } finally {
      await w.world.close();
    }
  });
});
