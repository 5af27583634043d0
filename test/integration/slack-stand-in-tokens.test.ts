import { webApi } from '@slack/bolt';
import { startSlackStandIn, type SlackStandIn } from '../../devkit/sandbox/slack-stand-in.js';
import { WANTED_SCOPES } from '../../src/doctor/wanted-scopes.js';
import { slackErrorCode } from '../../src/log.js';

const { LogLevel, WebClient } = webApi;

let standIn: SlackStandIn;
const clientWith = (token: string) =>
  new WebClient(token, { slackApiUrl: standIn.apiUrl, retryConfig: { retries: 0 }, logLevel: LogLevel.ERROR });
const errorOf = (call: Promise<unknown>) => call.then(() => 'ok', slackErrorCode);

afterEach(() => standIn.close());

describe('Slack stand-in tokens and scopes', () => {
  test("names the bot token's granted scopes on every answer, as Slack's x-oauth-scopes header does", async () => {
    standIn = await startSlackStandIn();
    const auth = await clientWith(standIn.botToken).auth.test();
    expect(auth.response_metadata?.scopes).toEqual([...WANTED_SCOPES]);
    const refused = await clientWith(standIn.botToken)
      .chat.postMessage({ channel: '', text: 'x' })
      .catch((err: { data: webApi.WebAPICallResult }) => err.data);
    expect(refused.response_metadata?.scopes).toEqual([...WANTED_SCOPES]);
  });

  test('grants the scopes it is told to', async () => {
    standIn = await startSlackStandIn({ scopes: ['commands', 'chat:write'] });
    const auth = await clientWith(standIn.botToken).auth.test();
    expect(auth.response_metadata?.scopes).toEqual(['commands', 'chat:write']);
  });

  test('apps.connections.open takes the app-level token only, as Socket Mode needs', async () => {
    standIn = await startSlackStandIn({ appToken: 'xapp-sandbox-right' });
    const opened = await clientWith('xapp-sandbox-right').apps.connections.open();
    expect(opened.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/link\/\?ticket=/);
    expect(opened.response_metadata?.scopes).toEqual(['connections:write']);
    expect(await errorOf(clientWith('xapp-sandbox-wrong').apps.connections.open())).toBe('invalid_auth');
    expect(await errorOf(clientWith(standIn.botToken).apps.connections.open())).toBe('not_allowed_token_type');
    const post = clientWith('xapp-sandbox-right').chat.postMessage({ channel: 'C1', text: 'x' });
    expect(await errorOf(post)).toBe('not_allowed_token_type');
  });
});
