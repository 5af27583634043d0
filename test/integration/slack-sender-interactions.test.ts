import { SlackSender } from '../../devkit/sandbox/slack-sender.js';
import { startRecordingBot, type RecordingBot } from '../support/recording-bot.js';

const SECRET = 'sandbox-signing-secret';

let bot: RecordingBot;
let sender: SlackSender;

beforeEach(async () => {
  bot = await startRecordingBot();
  sender = new SlackSender({ eventsUrl: bot.eventsUrl, signingSecret: SECRET, teamId: 'T0SANDBOX' });
});
afterEach(() => bot.close());

const verifiedRequest = () => bot.verifiedRequest(SECRET);
/** The JSON payload of the one signed, form-encoded interactivity request the bot received. */
function verifiedPayload(): Record<string, unknown> {
  const request = verifiedRequest();
  expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
  const form = new URLSearchParams(request.body);
  expect([...form.keys()]).toEqual(['payload']);
  return JSON.parse(form.get('payload') ?? '');
}

describe('SlackSender interactivity payloads', () => {
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
    expect(verifiedPayload()).toMatchObject({
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
    const payload = verifiedPayload();
    expect(payload).not.toHaveProperty('message');
    expect(payload.container).toEqual({
      type: 'message',
      message_ts: '1700000000.000400',
      channel_id: 'C0INCIDENT',
      is_ephemeral: true,
    });
  });

  it('sends a message shortcut as a signed message_action with the message and a response_url', async () => {
    await sender.messageShortcut({
      callbackId: 'find_trunks_in_message',
      text: 'SIP 503 from 203.0.113.10 since 14:02',
      userId: 'U0ONCALL',
      channelId: 'C0NOC',
      messageTs: '1700000000.000500',
      responseUrl: 'http://x/r/shortcut',
    });
    const payload = verifiedPayload();
    expect(payload).toMatchObject({
      type: 'message_action',
      callback_id: 'find_trunks_in_message',
      trigger_id: expect.stringMatching(/^\d+\.\d+\.[0-9a-f]{32}$/),
      response_url: 'http://x/r/shortcut',
      action_ts: expect.stringMatching(/^\d{10}\.\d{6}$/),
      token: expect.any(String),
      team: { id: 'T0SANDBOX', domain: expect.any(String) },
      user: { id: 'U0ONCALL', name: expect.any(String), team_id: 'T0SANDBOX' },
      channel: { id: 'C0NOC', name: expect.any(String) },
      message_ts: '1700000000.000500',
      message: {
        type: 'message',
        user: 'U0ONCALL',
        text: 'SIP 503 from 203.0.113.10 since 14:02',
        ts: '1700000000.000500',
        blocks: [{ type: 'rich_text' }],
      },
    });
  });

  it('lets the shortcut name the message author and trigger', async () => {
    await sender.messageShortcut({
      callbackId: 'find_trunks_in_message',
      text: 'x',
      messageUserId: 'U0ALERTS',
      triggerId: 't-2',
      responseUrl: 'http://x/r',
    });
    expect(verifiedPayload()).toMatchObject({
      trigger_id: 't-2',
      user: { id: 'U0SUPPORT1' },
      channel: { id: 'C0INCIDENT' },
      message: { user: 'U0ALERTS', ts: expect.stringMatching(/^\d{10}\.\d{6}$/) },
    });
  });

  it('sends a click in a modal as block_actions from a view container, with the whole view', async () => {
    await sender.viewBlockAction({
      actionId: 'trunks_show_all',
      value: '{"ids":[5000011]}',
      blockId: 'matches',
      actionText: 'Show all',
      view: { id: 'V0MODAL0001', callback_id: 'trunks_in_message', private_metadata: '{"text":"SIP 503"}' },
    });
    const payload = verifiedPayload();
    expect(payload).toMatchObject({
      type: 'block_actions',
      container: { type: 'view', view_id: 'V0MODAL0001' },
      trigger_id: expect.stringMatching(/^\d+\.\d+\.[0-9a-f]{32}$/),
      api_app_id: 'A0TRUNKBOT',
      user: { id: 'U0SUPPORT1', team_id: 'T0SANDBOX' },
      view: {
        id: 'V0MODAL0001',
        type: 'modal',
        team_id: 'T0SANDBOX',
        callback_id: 'trunks_in_message',
        private_metadata: '{"text":"SIP 503"}',
        root_view_id: 'V0MODAL0001',
        state: { values: {} },
      },
      actions: [{ type: 'button', action_id: 'trunks_show_all', block_id: 'matches', value: '{"ids":[5000011]}' }],
    });
    // Slack sends neither a channel nor a response_url for clicks in a modal.
    for (const key of ['channel', 'message', 'response_url']) expect(payload).not.toHaveProperty(key);
  });

  it('sends a modal submission as view_submission with state.values built from what was entered, and returns the bot’s answer', async () => {
    const blocks = [
      { type: 'section', text: { type: 'mrkdwn', text: 'Pick one' } },
      {
        type: 'input',
        block_id: 'where',
        label: { type: 'plain_text', text: 'Channel' },
        element: { type: 'conversations_select', action_id: 'channel' },
      },
      {
        type: 'input',
        block_id: 'why',
        optional: true,
        label: { type: 'plain_text', text: 'Note' },
        element: { type: 'plain_text_input', action_id: 'note', multiline: true },
      },
      {
        type: 'input',
        block_id: 'who',
        optional: true,
        label: { type: 'plain_text', text: 'Person' },
        element: { type: 'users_select', action_id: 'user' },
      },
    ];
    const result = await sender.viewSubmission({
      view: { id: 'V0FORM0001', callback_id: 'share_form', private_metadata: 'sealed', blocks },
      inputs: { where: 'C0INCIDENT', why: 'look' },
      userId: 'U0ONCALL',
      triggerId: 't-submit',
    });
    expect(result).toMatchObject({ status: 200, body: '{"challenge":"echo"}' });
    const payload = verifiedPayload();
    expect(payload).toMatchObject({
      type: 'view_submission',
      trigger_id: 't-submit',
      user: { id: 'U0ONCALL', team_id: 'T0SANDBOX' },
      team: { id: 'T0SANDBOX' },
      response_urls: [],
      view: { id: 'V0FORM0001', callback_id: 'share_form', private_metadata: 'sealed', blocks },
    });
    // Every input block is reported, with null where nothing was entered, as Slack does.
    expect((payload.view as { state: unknown }).state).toEqual({
      values: {
        where: { channel: { type: 'conversations_select', selected_conversation: 'C0INCIDENT' } },
        why: { note: { type: 'plain_text_input', value: 'look' } },
        who: { user: { type: 'users_select', selected_user: null } },
      },
    });
  });
});
