import { webApi } from '@slack/bolt';
import { startSlackStandIn, type SlackActivity, type SlackStandIn } from '../../devkit/sandbox/slack-stand-in.js';

const { LogLevel, WebClient } = webApi;
type WebClient = webApi.WebClient;

let standIn: SlackStandIn;
let client: WebClient;
let triggers = 0;

beforeEach(async () => {
  standIn = await startSlackStandIn();
  client = new WebClient(standIn.botToken, {
    slackApiUrl: standIn.apiUrl,
    retryConfig: { retries: 0 },
    // The client logs Slack's response_metadata messages as errors; the refusals here are expected.
    logger: {
      debug() {},
      info() {},
      warn() {},
      error() {},
      setLevel() {},
      getLevel: () => LogLevel.ERROR,
      setName() {},
    },
  });
});
afterEach(() => standIn.close());

const trigger = (): string => `1700000000${++triggers}.1234567890.${'ab'.repeat(16)}`;
const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });
const modal = (extra: Record<string, unknown> = {}) => ({
  type: 'modal' as const,
  callback_id: 'trunks_in_message',
  title: { type: 'plain_text' as const, text: 'Trunks in message' },
  blocks: [section('2 trunks match')],
  ...extra,
});
/** What the stand-in answered a views call with, as the bot's client sees it (refusals included). */
const answer = (call: Promise<unknown>) =>
  call.then(
    (r) => r,
    (e: { data: unknown }) => e.data,
  );

describe('views.open', () => {
  it('opens a modal, returns it as Slack does and records the call with the view', async () => {
    const opened = await client.views.open({
      trigger_id: trigger(),
      view: modal({ private_metadata: '{"text":"SIP 503"}', close: { type: 'plain_text', text: 'Done' } }),
    });
    expect(opened.view).toMatchObject({
      id: expect.stringMatching(/^V[0-9A-F]{10}$/),
      team_id: standIn.teamId,
      type: 'modal',
      title: { text: 'Trunks in message' },
      blocks: [section('2 trunks match')],
      private_metadata: '{"text":"SIP 503"}',
      callback_id: 'trunks_in_message',
      previous_view_id: null,
      hash: expect.stringMatching(/^\d+\.[0-9a-f]{8}$/),
    });
    expect(opened.view?.root_view_id).toBe(opened.view?.id);
    expect(standIn.calls).toEqual([
      {
        method: 'views.open',
        args: expect.objectContaining({ view: expect.any(Object) }),
        ok: true,
        view: opened.view,
        at: expect.any(Number),
      },
    ]);
    await expect(standIn.waitForCall('views.open')).resolves.toMatchObject({ view: { id: opened.view?.id } });
  });

  it('takes a 24-character title, 100 blocks and 3000 characters of private_metadata', async () => {
    const view = modal({
      title: { type: 'plain_text', text: 'x'.repeat(24) },
      blocks: Array.from({ length: 100 }, () => ({ type: 'divider' })),
      private_metadata: 'm'.repeat(3_000),
      callback_id: 'c'.repeat(255),
    });
    await expect(client.views.open({ trigger_id: trigger(), view })).resolves.toMatchObject({ ok: true });
  });

  it.each([
    ['a 25-character title', { title: { type: 'plain_text', text: 'x'.repeat(25) } }, '/view/title/text'],
    ['101 blocks', { blocks: Array.from({ length: 101 }, () => ({ type: 'divider' })) }, '/view/blocks'],
    ['a home tab (views.publish takes those)', { type: 'home' }, '/view/type'],
    ['no title', { title: undefined }, '/view/title'],
    ['3001 characters of private_metadata', { private_metadata: 'm'.repeat(3_001) }, '/view/private_metadata'],
    ['a 256-character callback_id', { callback_id: 'c'.repeat(256) }, '/view/callback_id'],
    ['a 25-character submit label', { submit: { type: 'plain_text', text: 's'.repeat(25) } }, '/view/submit/text'],
    [
      'a header over 150 characters',
      { blocks: [{ type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } }] },
      '/view/blocks',
    ],
  ])('refuses %s with invalid_arguments and says where, as Slack does', async (_what, change, pointer) => {
    const refused = await answer(client.views.open({ trigger_id: trigger(), view: modal(change) as never }));
    expect(refused).toMatchObject({ ok: false, error: 'invalid_arguments' });
    const call = standIn.calls.at(-1)!;
    expect(call).toMatchObject({ method: 'views.open', ok: false, error: 'invalid_arguments' });
    expect(call.messages?.join('\n')).toContain(`[json-pointer:${pointer}]`);
    expect(call.view).toBeUndefined();
  });

  it('needs a trigger_id, and takes each trigger only once', async () => {
    expect(await answer(client.apiCall('views.open', { view: JSON.stringify(modal()) }))).toMatchObject({
      error: 'invalid_arguments',
      response_metadata: { messages: ['[ERROR] missing required field: trigger_id'] },
    });
    const once = trigger();
    await client.views.open({ trigger_id: once, view: modal() });
    expect(await answer(client.views.open({ trigger_id: once, view: modal() }))).toMatchObject({
      error: 'exchanged_trigger_id',
    });
  });
});

describe('views.update and views.push', () => {
  it('updates a modal by view_id or external_id, keeping its id and changing its hash', async () => {
    const { view } = await client.views.open({ trigger_id: trigger(), view: modal({ external_id: 'ext-1' }) });
    const updated = await client.views.update({ view_id: view!.id!, view: modal({ blocks: [section('page 2')] }) });
    expect(updated.view).toMatchObject({ id: view!.id, root_view_id: view!.id, blocks: [section('page 2')] });
    expect(updated.view?.hash).not.toBe(view!.hash);
    expect(standIn.calls.at(-1)).toMatchObject({ method: 'views.update', view: { id: view!.id } });
    const byExternal = await client.views.open({ trigger_id: trigger(), view: modal({ external_id: 'ext-2' }) });
    await expect(
      client.views.update({ external_id: 'ext-2', view: modal({ external_id: 'ext-2' }) }),
    ).resolves.toMatchObject({ view: { id: byExternal.view!.id } });
  });

  it('refuses an unknown view, a stale hash, a missing id and a taken external_id', async () => {
    const { view } = await client.views.open({ trigger_id: trigger(), view: modal({ external_id: 'taken' }) });
    expect(await answer(client.views.update({ view_id: 'VNOSUCHVIEW', view: modal() }))).toMatchObject({
      error: 'not_found',
    });
    expect(await answer(client.views.update({ view_id: view!.id!, hash: '1.stale', view: modal() }))).toMatchObject({
      error: 'hash_conflict',
    });
    expect(await answer(client.apiCall('views.update', { view: JSON.stringify(modal()) }))).toMatchObject({
      error: 'invalid_arguments',
    });
    expect(
      await answer(client.views.open({ trigger_id: trigger(), view: modal({ external_id: 'taken' }) })),
    ).toMatchObject({
      error: 'duplicate_external_id',
    });
  });

  it('pushes onto the latest modal, up to a stack of three', async () => {
    const { view: root } = await client.views.open({ trigger_id: trigger(), view: modal() });
    const second = await client.views.push({ trigger_id: trigger(), view: modal({ blocks: [section('details')] }) });
    expect(second.view).toMatchObject({ root_view_id: root!.id, previous_view_id: root!.id });
    const third = await client.views.push({ trigger_id: trigger(), view: modal() });
    expect(third.view).toMatchObject({ root_view_id: root!.id, previous_view_id: second.view!.id });
    expect(await answer(client.views.push({ trigger_id: trigger(), view: modal() }))).toMatchObject({
      error: 'push_limit_reached',
    });
    expect(standIn.calls.map((c) => [c.method, c.ok])).toEqual([
      ['views.open', true],
      ['views.push', true],
      ['views.push', true],
      ['views.push', false],
    ]);
  });

  it('refuses a push when no modal is open', async () => {
    expect(await answer(client.views.push({ trigger_id: trigger(), view: modal() }))).toMatchObject({
      error: 'not_found',
    });
  });
});

describe('views.publish', () => {
  const home = (extra: Record<string, unknown> = {}) => ({
    type: 'home' as const,
    blocks: [section('120 trunks')],
    ...extra,
  });

  it('publishes a Home tab per user, keeps its id across publishes and records it', async () => {
    const first = await client.views.publish({ user_id: 'U0ALICE', view: home() });
    expect(first.view).toMatchObject({
      id: expect.stringMatching(/^V[0-9A-F]{10}$/),
      type: 'home',
      blocks: [section('120 trunks')],
    });
    const again = await client.views.publish({
      user_id: 'U0ALICE',
      hash: first.view!.hash!,
      view: home({ blocks: [section('121 trunks')] }),
    });
    expect(again.view).toMatchObject({ id: first.view!.id, blocks: [section('121 trunks')] });
    const bob = await client.views.publish({ user_id: 'U0BOB', view: home() });
    expect(bob.view?.id).not.toBe(first.view!.id);
    expect(standIn.homeOf('U0ALICE')).toMatchObject({ id: first.view!.id, blocks: [section('121 trunks')] });
    expect(standIn.homeOf('U0NOBODY')).toBeUndefined();
    expect(standIn.calls.at(-1)).toMatchObject({ method: 'views.publish', ok: true, view: { id: bob.view!.id } });
  });

  it('takes 100 blocks and no title', async () => {
    const view = home({ blocks: Array.from({ length: 100 }, () => ({ type: 'divider' })) });
    await expect(client.views.publish({ user_id: 'U0ALICE', view })).resolves.toMatchObject({ ok: true });
  });

  it.each([
    ['101 blocks', { blocks: Array.from({ length: 101 }, () => ({ type: 'divider' })) }, '/view/blocks'],
    ['a modal', { type: 'modal', title: { type: 'plain_text', text: 'Trunks' } }, '/view/type'],
    ['a section over 3000 characters', { blocks: [section('x'.repeat(3_001))] }, '/view/blocks'],
  ])('refuses %s with invalid_arguments, as Slack does', async (_what, change, pointer) => {
    const refused = await answer(client.views.publish({ user_id: 'U0ALICE', view: home(change) as never }));
    expect(refused).toMatchObject({ ok: false, error: 'invalid_arguments' });
    expect(standIn.calls.at(-1)?.messages?.join('\n')).toContain(`[json-pointer:${pointer}]`);
    expect(standIn.homeOf('U0ALICE')).toBeUndefined();
  });

  it('refuses a missing user, a stale hash and a view over 250 kB', async () => {
    expect(await answer(client.apiCall('views.publish', { view: JSON.stringify(home()) }))).toMatchObject({
      error: 'invalid_arguments',
      response_metadata: { messages: ['[ERROR] missing required field: user_id'] },
    });
    await client.views.publish({ user_id: 'U0ALICE', view: home() });
    expect(await answer(client.views.publish({ user_id: 'U0ALICE', hash: '1.stale', view: home() }))).toMatchObject({
      error: 'hash_conflict',
    });
    const huge = home({ blocks: Array.from({ length: 100 }, () => section('x'.repeat(2_900))) });
    expect(await answer(client.views.publish({ user_id: 'U0ALICE', view: huge }))).toMatchObject({
      error: 'view_too_large',
    });
  });
});

describe('chat.postEphemeral', () => {
  it('is recorded with the whole message and reported to activity listeners', async () => {
    const seen: SlackActivity[] = [];
    standIn.onActivity((e) => seen.push(e));
    const blocks = [section('only for you')];
    await client.chat.postEphemeral({
      channel: 'C0INCIDENT',
      user: 'U0SUPPORT1',
      text: 'only for you',
      blocks,
      thread_ts: '1700000000.000100',
    });
    const expected = {
      method: 'chat.postEphemeral',
      ok: true,
      args: { channel: 'C0INCIDENT', user: 'U0SUPPORT1', text: 'only for you', blocks, thread_ts: '1700000000.000100' },
    };
    expect(standIn.calls).toEqual([{ ...expected, at: expect.any(Number) }]);
    expect(seen).toEqual([{ kind: 'call', call: expect.objectContaining(expected) }]);
    await expect(client.chat.postEphemeral({ channel: 'C0INCIDENT', text: 'to whom?' } as never)).rejects.toMatchObject(
      { data: { error: 'invalid_arguments' } },
    );
  });
});
