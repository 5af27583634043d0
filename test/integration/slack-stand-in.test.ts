import { webApi } from '@slack/bolt';
import { startSlackStandIn, type SlackActivity, type SlackStandIn } from '../../devkit/sandbox/slack-stand-in.js';

const { LogLevel, WebClient } = webApi;
type WebClient = webApi.WebClient;

const BLOCKS = [
  { type: 'section', text: { type: 'mrkdwn', text: '*acme-sip-01* — 30 channels' } },
  {
    type: 'actions',
    elements: [
      {
        type: 'button',
        action_id: 'trunks_next_page',
        text: { type: 'plain_text', text: 'Next' },
        value: '{"page":2}',
      },
    ],
  },
];

let standIn: SlackStandIn;
let client: WebClient;

const clientWith = (token: string): WebClient =>
  new WebClient(token, { slackApiUrl: standIn.apiUrl, retryConfig: { retries: 0 }, logLevel: LogLevel.ERROR });
const post = (path: string, body: string, headers: Record<string, string>): Promise<Response> =>
  fetch(`${standIn.url}${path}`, { method: 'POST', headers, body });

beforeEach(async () => {
  standIn = await startSlackStandIn();
  client = clientWith(standIn.botToken);
});
afterEach(() => standIn.close());

describe('Slack Web API stand-in', () => {
  it('answers auth.test with the bot identity and listens on loopback', async () => {
    expect(standIn.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(standIn.apiUrl).toBe(`${standIn.url}/api/`);
    const result = await client.auth.test();
    expect(result).toMatchObject({ ok: true, team_id: 'T0SANDBOX', user_id: 'U0TRUNKBOT', bot_id: 'B0TRUNKBOT' });
    expect(standIn.calls).toEqual([{ method: 'auth.test', args: {}, ok: true, at: expect.any(Number) }]);
  });

  it('round-trips blocks from the form body as parsed JSON and returns increasing Slack-style ts', async () => {
    const first = await client.chat.postMessage({
      channel: 'C0INCIDENT',
      text: 'Trunks for acme',
      blocks: BLOCKS,
      thread_ts: '1700000000.000100',
    });
    const second = await client.chat.postMessage({ channel: 'C0INCIDENT', text: 'again' });
    expect(standIn.calls[0]?.args).toEqual({
      channel: 'C0INCIDENT',
      text: 'Trunks for acme',
      blocks: BLOCKS,
      thread_ts: '1700000000.000100',
    });
    expect(first.ts).toMatch(/^\d{10}\.\d{6}$/);
    expect(Number(second.ts)).toBeGreaterThan(Number(first.ts));
    expect(first.message).toMatchObject({
      text: 'Trunks for acme',
      blocks: BLOCKS,
      ts: first.ts,
      thread_ts: '1700000000.000100',
      bot_id: 'B0TRUNKBOT',
    });
    expect(first.channel).toBe('C0INCIDENT');
  });

  it('posts a message to a user ID into the bot’s DM with them and answers with the DM’s id, which edits take', async () => {
    const posted = await client.chat.postMessage({ channel: 'U0SUPPORT1', text: 'Down (3)' });
    expect(posted.channel).toBe('D0SUPPORT1');
    expect(standIn.calls.at(-1)).toMatchObject({ args: { channel: 'U0SUPPORT1' }, channel: 'D0SUPPORT1' });
    await expect(
      client.chat.update({ channel: 'D0SUPPORT1', ts: posted.ts!, text: 'Down (3), page 2' }),
    ).resolves.toMatchObject({ ok: true });
  });

  it('never hands out the same ts twice, even within one millisecond', async () => {
    const posts = await Promise.all(
      Array.from({ length: 30 }, (_, i) => client.chat.postMessage({ channel: 'C1', text: `m${i}` })),
    );
    expect(new Set(posts.map((p) => p.ts)).size).toBe(30);
  });

  it('accepts JSON bodies too', async () => {
    const response = await post('/api/chat.postMessage', JSON.stringify({ channel: 'C1', blocks: BLOCKS }), {
      'content-type': 'application/json; charset=utf-8',
      authorization: `Bearer ${standIn.botToken}`,
    });
    expect(await response.json()).toMatchObject({ ok: true, channel: 'C1' });
    expect(standIn.calls[0]?.args).toEqual({ channel: 'C1', blocks: BLOCKS });
  });

  it('rejects a missing or wrong token with invalid_auth before anything else, and records it', async () => {
    await expect(clientWith('xoxb-wrong').chat.postMessage({ channel: 'C1', text: 'hi' })).rejects.toMatchObject({
      data: { ok: false, error: 'invalid_auth' },
    });
    const response = await post('/api/no.such.method', '', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: false, error: 'invalid_auth' });
    expect(standIn.calls.map((c) => [c.method, c.ok, c.error])).toEqual([
      ['chat.postMessage', false, 'invalid_auth'],
      ['no.such.method', false, 'invalid_auth'],
    ]);
  });

  it('answers users.info with each user’s time zone: Europe/London unless a test sets another', async () => {
    standIn.setUserTimeZone('U0TOKYO', 'Asia/Tokyo');
    expect((await client.users.info({ user: 'U0ANYONE' })).user).toMatchObject({ id: 'U0ANYONE', tz: 'Europe/London' });
    expect((await client.users.info({ user: 'U0TOKYO' })).user).toMatchObject({
      tz: 'Asia/Tokyo',
      tz_offset: 9 * 3600,
    });
    await expect(client.users.info({ user: 'nobody' })).rejects.toMatchObject({ data: { error: 'user_not_found' } });
  });

  it('validates like Slack: unknown method, missing channel, no text, too many blocks', async () => {
    await expect(client.apiCall('trunks.list')).rejects.toMatchObject({ data: { error: 'unknown_method' } });
    await expect(client.chat.postMessage({ text: 'hi' } as never)).rejects.toMatchObject({
      data: { error: 'channel_not_found' },
    });
    await expect(client.chat.postMessage({ channel: 'C1', text: '' })).rejects.toMatchObject({
      data: { error: 'no_text' },
    });
    const tooMany = Array.from({ length: 51 }, () => ({ type: 'divider' }));
    await expect(client.chat.postMessage({ channel: 'C1', text: 'x', blocks: tooMany })).rejects.toMatchObject({
      data: { error: 'invalid_blocks' },
    });
    expect(standIn.calls.every((c) => !c.ok)).toBe(true);
  });

  it('updates and deletes only messages it posted; ephemerals get a message_ts', async () => {
    const posted = await client.chat.postMessage({ channel: 'C1', text: 'page 1', blocks: BLOCKS });
    const updated = await client.chat.update({ channel: 'C1', ts: posted.ts ?? '', text: 'page 2' });
    expect(updated).toMatchObject({ ok: true, ts: posted.ts, message: { text: 'page 2', blocks: BLOCKS } });
    await expect(client.chat.update({ channel: 'C1', ts: '1.000001', text: 'x' })).rejects.toMatchObject({
      data: { error: 'message_not_found' },
    });
    const ephemeral = await client.chat.postEphemeral({ channel: 'C1', user: 'U0SUPPORT1', text: 'only you' });
    expect(ephemeral.message_ts).toMatch(/^\d{10}\.\d{6}$/);
    await expect(
      client.chat.update({ channel: 'C1', ts: ephemeral.message_ts ?? '', text: 'x' }),
    ).rejects.toMatchObject({ data: { error: 'message_not_found' } });
    await expect(client.chat.delete({ channel: 'C1', ts: posted.ts ?? '' })).resolves.toMatchObject({
      ok: true,
      ts: posted.ts,
    });
    await expect(client.chat.delete({ channel: 'C1', ts: posted.ts ?? '' })).rejects.toMatchObject({
      data: { error: 'message_not_found' },
    });
  });

  it('failNext fails the next call of that method only, then answers normally', async () => {
    standIn.failNext('chat.postMessage', 'ratelimited');
    await client.auth.test();
    await expect(client.chat.postMessage({ channel: 'C1', text: 'a' })).rejects.toMatchObject({
      data: { error: 'ratelimited' },
    });
    await expect(client.chat.postMessage({ channel: 'C1', text: 'b' })).resolves.toMatchObject({ ok: true });
    expect(standIn.calls.map((c) => c.error)).toEqual([undefined, 'ratelimited', undefined]);
  });

  it('failNext honours times', async () => {
    standIn.failNext('auth.test', 'account_inactive', 2);
    await expect(client.auth.test()).rejects.toMatchObject({ data: { error: 'account_inactive' } });
    await expect(client.auth.test()).rejects.toMatchObject({ data: { error: 'account_inactive' } });
    await expect(client.auth.test()).resolves.toMatchObject({ ok: true });
  });

  it('waitForCall resolves with a future matching call, or one already recorded', async () => {
    const waiting = standIn.waitForCall('chat.postMessage', (c) => c.args.text === 'second');
    await client.chat.postMessage({ channel: 'C1', text: 'first' });
    await client.chat.postMessage({ channel: 'C1', text: 'second' });
    await expect(waiting).resolves.toMatchObject({ method: 'chat.postMessage', args: { text: 'second' } });
    await expect(standIn.waitForCall('chat.postMessage')).resolves.toMatchObject({ args: { text: 'first' } });
  });

  it('waitForCall and waitForResponse reject with a clear message after the timeout', async () => {
    await client.auth.test();
    await expect(standIn.waitForCall('chat.update', undefined, 50)).rejects.toThrow(
      'Slack stand-in: no matching chat.update call within 50ms; seen so far: auth.test',
    );
    await expect(standIn.waitForResponse(undefined, 50)).rejects.toThrow(/no matching response_url post within 50ms/);
  });

  it('close rejects waiters that are still pending', async () => {
    const waiting = standIn.waitForCall('chat.postMessage');
    await standIn.close();
    await expect(waiting).rejects.toThrow(/closed/);
    standIn = await startSlackStandIn();
  });

  it('survives bad input: malformed JSON, oversized bodies, wrong HTTP method', async () => {
    const auth = { authorization: `Bearer ${standIn.botToken}` };
    const badJson = await post('/api/chat.postMessage', '{nope', { ...auth, 'content-type': 'application/json' });
    expect(await badJson.json()).toEqual({ ok: false, error: 'invalid_json' });
    const badBlocks = await post('/api/chat.postMessage', 'channel=C1&blocks=%5Bnope', {
      ...auth,
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(await badBlocks.json()).toEqual({ ok: false, error: 'invalid_blocks_format' });
    const huge = await post('/api/chat.postMessage', `text=${'x'.repeat(1024 * 1024 + 1)}`, auth);
    expect(huge.status).toBe(413);
    expect((await fetch(`${standIn.apiUrl}auth.test`)).status).toBe(405);
    await expect(client.auth.test()).resolves.toMatchObject({ ok: true });
  });
});

describe('response_url stand-in', () => {
  it('records JSON posts to issued URLs and answers 200 ok', async () => {
    const responseUrl = standIn.newResponseUrl();
    expect(responseUrl).toMatch(new RegExp(`^${standIn.url}/response/[\\w-]+$`));
    expect(standIn.newResponseUrl()).not.toBe(responseUrl);
    const response = await post(
      responseUrl.slice(standIn.url.length),
      JSON.stringify({ replace_original: true, text: 'page 2' }),
      { 'content-type': 'application/json' },
    );
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('ok');
    expect(standIn.responses).toEqual([
      { id: responseUrl.split('/').pop(), body: { replace_original: true, text: 'page 2' }, at: expect.any(Number) },
    ]);
  });

  it('waitForResponse resolves with a future post', async () => {
    const responseUrl = standIn.newResponseUrl();
    const waiting = standIn.waitForResponse((r) => r.body.text === 'done');
    await fetch(responseUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"text":"working"}',
    });
    await fetch(responseUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"text":"done"}',
    });
    await expect(waiting).resolves.toMatchObject({ body: { text: 'done' } });
  });

  it('failResponseUrl answers the next posts with that status and does not record them', async () => {
    const responseUrl = standIn.newResponseUrl();
    standIn.failResponseUrl(404, 2);
    const send = (): Promise<Response> =>
      fetch(responseUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"text":"x"}' });
    expect((await send()).status).toBe(404);
    expect((await send()).status).toBe(404);
    expect((await send()).status).toBe(200);
    expect(standIn.responses).toHaveLength(1);
  });

  it('404s unknown paths and unissued response ids; 400s non-JSON bodies', async () => {
    expect((await post('/response/not-issued', '{}', { 'content-type': 'application/json' })).status).toBe(404);
    expect((await post('/elsewhere', '{}', { 'content-type': 'application/json' })).status).toBe(404);
    const responseUrl = standIn.newResponseUrl();
    expect((await fetch(responseUrl, { method: 'POST', body: 'text=hi' })).status).toBe(400);
    expect(standIn.responses).toHaveLength(0);
  });

  it('reports every call and response to activity listeners until they unsubscribe', async () => {
    const seen: SlackActivity[] = [];
    const unsubscribe = standIn.onActivity((e) => seen.push(e));
    standIn.onActivity(() => {
      throw new Error('a broken console must not break the stand-in');
    });
    await client.auth.test();
    await fetch(standIn.newResponseUrl(), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"text":"x"}',
    });
    unsubscribe();
    await client.auth.test();
    expect(seen.map((e) => e.kind)).toEqual(['call', 'response']);
    expect(seen[1]).toMatchObject({ kind: 'response', response: { body: { text: 'x' } } });
  });
});
