import { webApi } from '@slack/bolt';
import { startSlackStandIn, type SlackStandIn } from '../../devkit/sandbox/slack-stand-in.js';

const { ErrorCode, LogLevel, WebClient, WebClientEvent } = webApi;
type WebClient = webApi.WebClient;

let standIn: SlackStandIn;
let client: WebClient;

const clientWith = (options: webApi.WebClientOptions = {}): WebClient =>
  new WebClient(standIn.botToken, {
    slackApiUrl: standIn.apiUrl,
    retryConfig: { retries: 0 },
    logLevel: LogLevel.ERROR,
    ...options,
  });

beforeEach(async () => {
  standIn = await startSlackStandIn();
  client = clientWith();
});
afterEach(() => standIn.close());

const post = (channel: string, extra: Record<string, unknown> = {}) =>
  client.chat.postMessage({ channel, text: 'Gateway down: acme-out-01', ...extra });
const refusedWith = (error: string) => expect.objectContaining({ data: expect.objectContaining({ error }) });

describe('rateLimitNext', () => {
  it('answers HTTP 429 with Retry-After and a ratelimited body, records it, then answers normally', async () => {
    standIn.rateLimitNext('chat.postMessage', 7);
    const send = () =>
      fetch(`${standIn.apiUrl}chat.postMessage`, {
        method: 'POST',
        headers: { authorization: `Bearer ${standIn.botToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ channel: 'C1', text: 'hi' }),
      });
    const limited = await send();
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    expect(await limited.json()).toEqual({ ok: false, error: 'ratelimited' });
    expect((await send()).status).toBe(200);
    expect(
      standIn.calls.map(({ method, ok, error, retryAfterSeconds }) => ({ method, ok, error, retryAfterSeconds })),
    ).toEqual([
      { method: 'chat.postMessage', ok: false, error: 'ratelimited', retryAfterSeconds: 7 },
      { method: 'chat.postMessage', ok: true, error: undefined, retryAfterSeconds: undefined },
    ]);
  });

  it('is what WebClient reads as a rate limit: it reports the Retry-After seconds', async () => {
    standIn.rateLimitNext('chat.update', 30);
    const seen: number[] = [];
    const rejecting = clientWith({ rejectRateLimitedCalls: true });
    rejecting.on(WebClientEvent.RATE_LIMITED, (seconds: number) => seen.push(seconds));
    await expect(rejecting.chat.update({ channel: 'C1', ts: '1.000001', text: 'x' })).rejects.toMatchObject({
      code: ErrorCode.RateLimitedError,
      retryAfter: 30,
    });
    expect(seen).toEqual([30]);
  });

  it('lets WebClient wait the Retry-After and retry, which then succeeds', async () => {
    standIn.rateLimitNext('chat.postMessage', 0, 2);
    const retrying = clientWith({ retryConfig: { retries: 2, minTimeout: 0, maxTimeout: 0 } });
    await expect(retrying.chat.postMessage({ channel: 'C1', text: 'alert' })).resolves.toMatchObject({ ok: true });
    expect(standIn.calls.map((c) => c.error ?? 'ok')).toEqual(['ratelimited', 'ratelimited', 'ok']);
  });

  it('limits only that method, before an injected failure of it, and after the token check', async () => {
    standIn.rateLimitNext('chat.postMessage', 1);
    standIn.failNext('chat.postMessage', 'fatal_error');
    await expect(client.auth.test()).resolves.toMatchObject({ ok: true });
    const wrongToken = new WebClient('xoxb-wrong', { slackApiUrl: standIn.apiUrl, retryConfig: { retries: 0 } });
    await expect(wrongToken.chat.postMessage({ channel: 'C1', text: 'x' })).rejects.toThrow(/invalid_auth/);
    await expect(
      clientWith({ rejectRateLimitedCalls: true }).chat.postMessage({ channel: 'C1', text: 'x' }),
    ).rejects.toMatchObject({ code: ErrorCode.RateLimitedError });
    await expect(post('C1')).rejects.toThrow(refusedWith('fatal_error'));
    await expect(post('C1')).resolves.toMatchObject({ ok: true });
  });

  it('refuses a Retry-After or count that is not a whole number', () => {
    expect(() => standIn.rateLimitNext('chat.postMessage', 1.5)).toThrow(RangeError);
    expect(() => standIn.rateLimitNext('chat.postMessage', -1)).toThrow(RangeError);
    expect(() => standIn.rateLimitNext('chat.postMessage', 1, 0)).toThrow(RangeError);
  });
});

describe('channel states', () => {
  it('by default every channel exists, is open and has the bot', async () => {
    await expect(post('C0ANYWHERE')).resolves.toMatchObject({ ok: true });
  });

  it('refuses posts, edits and ephemerals in an archived channel with is_archived', async () => {
    const posted = await post('C0ALERTS');
    standIn.setChannel('C0ALERTS', { archived: true });
    await expect(post('C0ALERTS')).rejects.toThrow(refusedWith('is_archived'));
    await expect(client.chat.update({ channel: 'C0ALERTS', ts: posted.ts!, text: 'Recovered' })).rejects.toThrow(
      refusedWith('is_archived'),
    );
    await expect(client.chat.postEphemeral({ channel: 'C0ALERTS', user: 'U1', text: 'x' })).rejects.toThrow(
      refusedWith('is_archived'),
    );
    standIn.setChannel('C0ALERTS', { archived: false });
    await expect(client.chat.update({ channel: 'C0ALERTS', ts: posted.ts!, text: 'Recovered' })).resolves.toMatchObject(
      { ok: true },
    );
  });

  it('refuses a channel the bot is not in with not_in_channel, until it joins', async () => {
    standIn.setChannel('C0PRIVATE', { botMember: false });
    await expect(post('C0PRIVATE')).rejects.toThrow(refusedWith('not_in_channel'));
    standIn.setChannel('C0PRIVATE', { archived: false });
    await expect(post('C0PRIVATE')).rejects.toThrow(refusedWith('not_in_channel'));
    standIn.setChannel('C0PRIVATE', { botMember: true });
    await expect(post('C0PRIVATE')).resolves.toMatchObject({ ok: true });
  });

  it('answers channel_not_found for C0GONE… ids and deleted channels, whatever else is set', async () => {
    await expect(post('C0GONE42')).rejects.toThrow(refusedWith('channel_not_found'));
    standIn.setChannel('C0GONE42', { archived: false, botMember: true });
    await expect(post('C0GONE42')).rejects.toThrow(refusedWith('channel_not_found'));
    const posted = await post('C0DOOMED');
    standIn.deleteChannel('C0DOOMED');
    await expect(post('C0DOOMED')).rejects.toThrow(refusedWith('channel_not_found'));
    await expect(client.chat.update({ channel: 'C0DOOMED', ts: posted.ts!, text: 'x' })).rejects.toThrow(
      refusedWith('channel_not_found'),
    );
    expect(standIn.calls.filter((c) => !c.ok).map((c) => c.error)).toEqual([
      'channel_not_found',
      'channel_not_found',
      'channel_not_found',
      'channel_not_found',
    ]);
  });
});

describe('threads and edits', () => {
  it('accepts a reply to a parent it never saw, as Slack does, keeping thread_ts', async () => {
    // Slack answers ok to a well-formed thread_ts whose parent it cannot find; the parent of a mention
    // answer is the user's message, which the stand-in never sees.
    const reply = await post('C1', { thread_ts: '1700000000.000100' });
    expect(reply.message).toMatchObject({ thread_ts: '1700000000.000100' });
    expect(standIn.calls[0]?.args.thread_ts).toBe('1700000000.000100');
  });

  it('records the ts of a posted and of an edited message, so an edit can be matched to its post', async () => {
    const posted = await post('C1');
    await client.chat.update({ channel: 'C1', ts: posted.ts!, text: 'Recovered' });
    await client.chat.postMessage({ channel: 'C1', thread_ts: posted.ts!, text: 'Recovered after 4 minutes' });
    expect(standIn.calls.map((c) => [c.method, c.ts === posted.ts])).toEqual([
      ['chat.postMessage', true],
      ['chat.update', true],
      ['chat.postMessage', false],
    ]);
  });
});
