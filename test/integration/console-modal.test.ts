import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConsoleSession, FIND_TRUNKS_SHORTCUT } from '../../devkit/console/console-session.js';
import { SlackSender } from '../../devkit/sandbox/slack-sender.js';
import { signSlackRequest } from '../../devkit/sandbox/slack-signature.js';
import { startSlackStandIn, type SlackStandIn } from '../../devkit/sandbox/slack-stand-in.js';

// The bot has no message shortcut or modal yet: a small bot of our own answers them, through the real
// Slack stand-in and sender, so the console's side of modals and ephemeral messages can be shown.
const SECRET = 'console-modal-secret';
/** The parts of an interactivity payload this bot reads. */
interface Payload {
  type: string;
  callback_id?: string;
  trigger_id: string;
  user: { id: string };
  channel?: { id: string };
  message?: { text: string };
  container?: { type: string };
  view?: { id: string; hash: string; private_metadata: string };
}

let slack: SlackStandIn;
let bot: Server;
let payloads: Payload[];
let out: string[];
let session: ConsoleSession;

async function callSlack(method: string, args: Record<string, unknown>): Promise<void> {
  await fetch(`${slack.apiUrl}${method}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${slack.botToken}`, 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify(args),
  });
}

const modal = (title: string, text: string, metadata: string) => ({
  type: 'modal',
  callback_id: 'trunks_in_message',
  title: { type: 'plain_text', text: title },
  private_metadata: metadata,
  blocks: [
    { type: 'section', text: { type: 'mrkdwn', text } },
    {
      type: 'actions',
      block_id: 'more',
      elements: [
        { type: 'button', action_id: 'show_all', text: { type: 'plain_text', text: 'Show all' }, value: '5000011' },
      ],
    },
  ],
});

/** Acks like Bolt, then answers a shortcut with an ephemeral note and a modal, and a modal click with an update. */
async function answer(payload: Payload): Promise<void> {
  if (payload.type === 'message_action' && payload.callback_id === FIND_TRUNKS_SHORTCUT) {
    const text = payload.message!.text;
    await callSlack('chat.postEphemeral', {
      channel: payload.channel!.id,
      user: payload.user.id,
      text: 'Looking up 1 address…',
    });
    const title = text.includes('long title') ? 'Trunks found in this message' : 'Trunks in message';
    const view = modal(title, `Found in “${text}”: *pacmedia-out-01*`, JSON.stringify({ text }));
    await callSlack('views.open', { trigger_id: payload.trigger_id, view });
  } else if (payload.type === 'block_actions' && payload.container?.type === 'view' && payload.view) {
    const view = modal(
      'Trunks in message',
      `All trunks for ${payload.view.private_metadata}`,
      payload.view.private_metadata,
    );
    await callSlack('views.update', { view_id: payload.view.id, hash: payload.view.hash, view });
  }
}

beforeEach(async () => {
  slack = await startSlackStandIn();
  payloads = [];
  bot = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString();
    });
    req.on('end', () => {
      const timestamp = Number(req.headers['x-slack-request-timestamp']);
      const valid = req.headers['x-slack-signature'] === signSlackRequest(SECRET, body, timestamp)['x-slack-signature'];
      res.writeHead(valid ? 200 : 401).end();
      if (!valid) return;
      const payload = JSON.parse(new URLSearchParams(body).get('payload') ?? '{}') as Payload;
      payloads.push(payload);
      void answer(payload);
    });
  });
  await new Promise<void>((resolve) => bot.listen(0, '127.0.0.1', resolve));
  const sender = new SlackSender({
    eventsUrl: `http://127.0.0.1:${(bot.address() as AddressInfo).port}/slack/events`,
    signingSecret: SECRET,
    teamId: slack.teamId,
  });
  out = [];
  session = new ConsoleSession({ world: { slack, sender }, write: (l) => out.push(l), style: { color: false } });
});

afterEach(async () => {
  session.close();
  await new Promise<void>((resolve) => bot.close(() => resolve()));
  await slack.close();
});

/** Types one line and returns what the console printed for it. */
async function type(line: string): Promise<string> {
  const from = out.length;
  expect(await session.handle(line)).toBe('continue');
  return out.slice(from).join('\n');
}

describe('console: message shortcut, modals and ephemeral messages', () => {
  test('shortcut → ephemeral note and modal → click in the modal → updated modal → close', async () => {
    const opened = await type('shortcut SIP 503 from 203.0.113.10');
    expect(payloads[0]).toMatchObject({
      type: 'message_action',
      callback_id: 'find_trunks_in_message',
      message: { text: 'SIP 503 from 203.0.113.10' },
      channel: { id: 'C0INCIDENT' },
      user: { id: 'U0SUPPORT1' },
      response_url: expect.stringContaining(slack.url),
    });
    expect(opened).toContain('── #incident-123 · only visible to you');
    expect(opened).toContain('Looking up 1 address…');
    expect(opened).toContain('── modal · only visible to you');
    expect(opened).toContain('Trunks in message\nFound in “SIP 503 from 203.0.113.10”: pacmedia-out-01\n[1] Show all');
    expect(opened).toContain('[Close] type close to dismiss the modal');

    const updated = await type('show all');
    expect(payloads[1]).toMatchObject({
      type: 'block_actions',
      container: { type: 'view' },
      view: { callback_id: 'trunks_in_message', private_metadata: '{"text":"SIP 503 from 203.0.113.10"}' },
      actions: [{ action_id: 'show_all', value: '5000011', block_id: 'more' }],
    });
    expect(updated).toContain('── modal updated · only visible to you');
    expect(updated).toContain('All trunks for {"text":"SIP 503 from 203.0.113.10"}');
    expect(await type('7')).toContain('There is no button "7" on the open modal');

    expect(await type('close')).toBe('(modal closed)');
    expect(await type('close')).toBe('No modal is open.');
    expect(await type('1')).toContain('No message with buttons yet');
  });

  test('a modal Slack refuses is explained with Slack’s reason', async () => {
    const refused = await type('shortcut long title please');
    expect(refused).toContain(
      '(Slack refused views.open: invalid_arguments — [ERROR] must be less than 25 characters [json-pointer:/view/title/text])',
    );
    expect(refused).not.toContain('── modal');
  });

  test('shortcut without text says what to paste', async () => {
    expect(await type('shortcut')).toMatch(/^Paste the message after the word/);
    expect(payloads).toEqual([]);
  });
});
