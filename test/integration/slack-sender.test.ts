import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SlackSender } from '../../devkit/sandbox/slack-sender.js';
import { signSlackRequest } from '../../devkit/sandbox/slack-signature.js';

const SECRET = 'sandbox-signing-secret';

interface Received {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

let server: Server;
let received: Received[];
let sender: SlackSender;

beforeEach(async () => {
  received = [];
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      res.writeHead(200, { 'content-type': 'application/json', 'x-bot': 'trunkbot' }).end('{"challenge":"echo"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  sender = new SlackSender({
    eventsUrl: `http://127.0.0.1:${port}/slack/events`,
    signingSecret: SECRET,
    teamId: 'T0SANDBOX',
    botUserId: 'U0TRUNKBOT',
  });
});
afterEach(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** The one request the bot received, after checking it carries a valid, fresh Slack signature. */
function verifiedRequest(): Received {
  expect(received).toHaveLength(1);
  const request = received[0] as Received;
  expect(request.method).toBe('POST');
  expect(request.path).toBe('/slack/events');
  const timestamp = Number(request.headers['x-slack-request-timestamp']);
  expect(Math.abs(Date.now() / 1000 - timestamp)).toBeLessThan(5);
  expect(request.headers['x-slack-signature']).toBe(
    signSlackRequest(SECRET, request.body, timestamp)['x-slack-signature'],
  );
  return request;
}

describe('SlackSender', () => {
  it('sends slash commands form-encoded with every field Slack sends', async () => {
    const result = await sender.slashCommand({ text: 'acme page:2', responseUrl: 'http://127.0.0.1:1/response/abc' });
    expect(result).toMatchObject({ status: 200, body: '{"challenge":"echo"}', headers: { 'x-bot': 'trunkbot' } });
    const request = verifiedRequest();
    expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
    const form = Object.fromEntries(new URLSearchParams(request.body));
    expect(form).toEqual({
      token: expect.any(String),
      team_id: 'T0SANDBOX',
      team_domain: expect.any(String),
      channel_id: 'C0INCIDENT',
      channel_name: 'incident-123',
      user_id: 'U0SUPPORT1',
      user_name: 'support.engineer',
      command: '/trunks',
      text: 'acme page:2',
      api_app_id: expect.any(String),
      is_enterprise_install: 'false',
      response_url: 'http://127.0.0.1:1/response/abc',
      trigger_id: expect.stringMatching(/^\d+\.\d+\.[0-9a-f]{32}$/),
    });
  });

  it('lets callers override the slash command user, channel, command and trigger', async () => {
    await sender.slashCommand({
      text: '',
      userId: 'U2',
      userName: 'night.shift',
      channelId: 'C2',
      channelName: 'noc',
      command: '/trunks-dev',
      responseUrl: 'http://x/r',
      triggerId: 't-1',
    });
    const form = Object.fromEntries(new URLSearchParams(verifiedRequest().body));
    expect(form).toMatchObject({
      user_id: 'U2',
      user_name: 'night.shift',
      channel_id: 'C2',
      channel_name: 'noc',
      command: '/trunks-dev',
      text: '',
      trigger_id: 't-1',
    });
  });

  it('sends app_mention as a JSON event_callback envelope without retry headers by default', async () => {
    await sender.appMention({ text: '<@U0TRUNKBOT> trunks acme', threadTs: '1700000000.000100' });
    const request = verifiedRequest();
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers['x-slack-retry-num']).toBeUndefined();
    const envelope = JSON.parse(request.body);
    expect(envelope).toMatchObject({
      type: 'event_callback',
      team_id: 'T0SANDBOX',
      api_app_id: expect.any(String),
      event_id: expect.stringMatching(/^Ev\w+$/),
      event_time: expect.any(Number),
      authorizations: [{ team_id: 'T0SANDBOX', user_id: 'U0TRUNKBOT', is_bot: true }],
      event: {
        type: 'app_mention',
        user: 'U0SUPPORT1',
        text: '<@U0TRUNKBOT> trunks acme',
        channel: 'C0INCIDENT',
        thread_ts: '1700000000.000100',
      },
    });
    expect(envelope.event.ts).toMatch(/^\d{10}\.\d{6}$/);
    expect(envelope.event.event_ts).toBe(envelope.event.ts);
  });

  it('gives each event its own id and ts, and omits thread_ts outside threads', async () => {
    await sender.appMention({ text: 'a' });
    await sender.appMention({ text: 'b' });
    const [first, second] = received.map((r) => JSON.parse(r.body));
    expect(first.event_id).not.toBe(second.event_id);
    expect(Number(second.event.ts)).toBeGreaterThan(Number(first.event.ts));
    expect(first.event).not.toHaveProperty('thread_ts');
  });

  it('replays retries with the same event id and X-Slack-Retry headers', async () => {
    await sender.appMention({
      text: 'hi',
      eventId: 'Ev0RETRY',
      ts: '1700000000.000200',
      retryNum: 1,
      retryReason: 'http_error',
    });
    const request = verifiedRequest();
    expect(request.headers['x-slack-retry-num']).toBe('1');
    expect(request.headers['x-slack-retry-reason']).toBe('http_error');
    expect(JSON.parse(request.body)).toMatchObject({ event_id: 'Ev0RETRY', event: { ts: '1700000000.000200' } });
  });

  it('sends block_actions as payload=<json> with the message and a button action', async () => {
    const blocks = [{ type: 'divider' }];
    await sender.blockAction({
      actionId: 'trunks_next_page',
      value: '{"page":2}',
      blockId: 'pager',
      actionText: 'Next',
      responseUrl: 'http://x/r',
      message: { ts: '1700000000.000300', text: 'page 1', blocks, thread_ts: '1700000000.000100' },
    });
    const request = verifiedRequest();
    expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
    const form = new URLSearchParams(request.body);
    expect([...form.keys()]).toEqual(['payload']);
    expect(JSON.parse(form.get('payload') ?? '')).toMatchObject({
      type: 'block_actions',
      user: { id: 'U0SUPPORT1', username: 'support.engineer', team_id: 'T0SANDBOX' },
      team: { id: 'T0SANDBOX' },
      api_app_id: expect.any(String),
      container: { type: 'message', message_ts: '1700000000.000300', channel_id: 'C0INCIDENT', is_ephemeral: false },
      channel: { id: 'C0INCIDENT' },
      message: { ts: '1700000000.000300', text: 'page 1', blocks, thread_ts: '1700000000.000100' },
      response_url: 'http://x/r',
      trigger_id: expect.stringMatching(/^\d+\.\d+\.[0-9a-f]{32}$/),
      actions: [
        {
          type: 'button',
          action_id: 'trunks_next_page',
          block_id: 'pager',
          value: '{"page":2}',
          text: { type: 'plain_text', text: 'Next' },
          action_ts: expect.stringMatching(/^\d{10}\.\d{6}$/),
        },
      ],
    });
  });

  it('omits the message for clicks in ephemeral messages, as Slack does', async () => {
    await sender.blockAction({
      actionId: 'trunks_next_page',
      value: '2',
      responseUrl: 'http://x/r',
      isEphemeral: true,
      message: { ts: '1700000000.000400' },
    });
    const payload = JSON.parse(new URLSearchParams(verifiedRequest().body).get('payload') ?? '');
    expect(payload).not.toHaveProperty('message');
    expect(payload.container).toEqual({
      type: 'message',
      message_ts: '1700000000.000400',
      channel_id: 'C0INCIDENT',
      is_ephemeral: true,
    });
  });

  it('signs the url_verification handshake', async () => {
    await sender.urlVerification('challenge-123');
    expect(JSON.parse(verifiedRequest().body)).toEqual({
      token: expect.any(String),
      challenge: 'challenge-123',
      type: 'url_verification',
    });
  });

  it('sends raw bodies unsigned unless headers are given', async () => {
    await sender.raw('payload=forged', 'application/x-www-form-urlencoded');
    await sender.raw('{}', 'application/json', { 'x-slack-signature': 'v0=bad', 'x-slack-request-timestamp': '1' });
    expect(received.map((r) => [r.body, r.headers['content-type'], r.headers['x-slack-signature']])).toEqual([
      ['payload=forged', 'application/x-www-form-urlencoded', undefined],
      ['{}', 'application/json', 'v0=bad'],
    ]);
  });
});
