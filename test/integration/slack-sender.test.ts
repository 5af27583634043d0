import { SlackSender } from '../../devkit/sandbox/slack-sender.js';
import { startRecordingBot, type RecordingBot } from '../support/recording-bot.js';

const SECRET = 'sandbox-signing-secret';

let bot: RecordingBot;
let sender: SlackSender;

beforeEach(async () => {
  bot = await startRecordingBot();
  sender = new SlackSender({
    eventsUrl: bot.eventsUrl,
    signingSecret: SECRET,
    teamId: 'T0SANDBOX',
    botUserId: 'U0TRUNKBOT',
  });
});
afterEach(() => bot.close());

const verifiedRequest = () => bot.verifiedRequest(SECRET);

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
    const [first, second] = bot.received.map((r) => JSON.parse(r.body));
    expect(first.event_id).not.toBe(second.event_id);
    expect(Number(second.event.ts)).toBeGreaterThan(Number(first.event.ts));
    expect(first.event).not.toHaveProperty('thread_ts');
  });

  it('sends app_home_opened for the Home tab, the Messages tab, and with the view last published', async () => {
    await sender.appHomeOpened('U0HOME1');
    await sender.appHomeOpened('U0HOME1', { tab: 'messages', eventId: 'Ev0MESSAGES' });
    await sender.appHomeOpened('U0HOME1', { view: { id: 'V0HOME', type: 'home', blocks: [] } });
    const [home, messages, again] = bot.received.map((r) => JSON.parse(r.body));
    expect(home).toMatchObject({
      type: 'event_callback',
      team_id: 'T0SANDBOX',
      event: { type: 'app_home_opened', user: 'U0HOME1', channel: 'D0HOME1', tab: 'home' },
    });
    expect(home.event).not.toHaveProperty('view');
    expect(home.event.event_ts).toMatch(/^\d{10}\.\d{6}$/);
    expect(messages).toMatchObject({ event_id: 'Ev0MESSAGES', event: { tab: 'messages' } });
    expect(again.event.view).toEqual({ id: 'V0HOME', type: 'home', blocks: [] });
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
    expect(bot.received.map((r) => [r.body, r.headers['content-type'], r.headers['x-slack-signature']])).toEqual([
      ['payload=forged', 'application/x-www-form-urlencoded', undefined],
      ['{}', 'application/json', 'v0=bad'],
    ]);
  });
});
