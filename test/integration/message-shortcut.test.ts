import { startSandboxWorld, type SandboxWorld } from '../../devkit/sandbox/sandbox-world.js';
import { SANDBOX_PASSWORD_PREFIX } from '../../devkit/sandbox/seed-trunks.js';
import { ACTION, FIND_IN_MESSAGE } from '../../src/trunks/action-ids.js';
import { newUserId, visibleText } from '../support/answers.js';
import { captureLogs, waitForAudit, type CapturedLogs } from '../support/capture-logs.js';
import { buttonsOf, click } from '../support/world-helpers.js';

// A trace as an engineer pastes it from a carrier ticket: the Via and Contact hosts are pacmedia-out-01's
// gateway (5000011), the caller is the London number three trunks share in three spellings, and the SDP
// offers media from an address no trunk has. SIP/2.0, the branch, tag, Call-ID, CSeq and SDP session IDs
// are not addresses or numbers.
const INVITE = [
  'INVITE sip:+442079460122@203.0.113.10:5060;user=phone SIP/2.0',
  'Via: SIP/2.0/UDP 203.0.113.10:5060;branch=z9hG4bK776asdhds',
  'Max-Forwards: 70',
  'To: <sip:+442079460122@203.0.113.10;user=phone>',
  'From: "ACME NOC" <sip:noc@192.0.2.99>;tag=1928301774',
  'Call-ID: a84b4c76e66710@pc33.atlanta.example.com',
  'CSeq: 314159 INVITE',
  'Contact: <sip:noc@203.0.113.10:5060>',
  'Content-Type: application/sdp',
  'Content-Length: 142',
  '',
  'v=0',
  'o=- 2890844526 2890844526 IN IP4 192.0.2.99',
  'c=IN IP4 192.0.2.99',
  'm=audio 49170 RTP/AVP 0',
].join('\n');

/** Runs the shortcut on `text` as a new user and returns the private answer and the audit line. */
async function findIn(world: SandboxWorld, logs: CapturedLogs, text: string, channelId = 'C0TRACES') {
  const userId = newUserId();
  const responseUrl = world.slack.newResponseUrl();
  const id = responseUrl.split('/').pop();
  const ack = await world.sender.messageShortcut({ callbackId: FIND_IN_MESSAGE, text, responseUrl, userId, channelId });
  const reply = await world.slack.waitForResponse((r) => r.id === id);
  const audit = await waitForAudit(logs, (line) => line.user === userId);
  return { ack, reply, audit, userId };
}

/** The section of a lookup answer about one address or number (its first line names it). */
function itemText(message: { blocks?: unknown }, kind: string, value: string): string {
  const sections = visibleText(message).split(/\n(?=(?:IP|number) `)/);
  const found = sections.find((s) => s.startsWith(`${kind} \`${value}\``));
  if (!found) throw new Error(`no ${kind} ${value} in ${visibleText(message)}`);
  return found;
}

describe('Find trunks in this message', () => {
  let world: SandboxWorld;
  let logs: CapturedLogs;

  beforeAll(async () => {
    logs = captureLogs();
    world = await startSandboxWorld({ logDestination: logs.destination, env: { RATE_LIMIT_PER_USER: '0' } });
  });
  afterAll(() => world.close());

  test('answers privately with each address and number in a SIP INVITE and the trunks it belongs to', async () => {
    const { ack, reply, audit } = await findIn(world, logs, INVITE);
    expect(ack.status).toBe(200);
    expect(reply.body.response_type).toBe('ephemeral');
    expect(world.slack.calls.filter((c) => c.method === 'chat.postMessage')).toEqual([]);

    expect(itemText(reply.body, 'IP', '203.0.113.10')).toMatch(/pacmedia-out-01 · ID `5000011`/);
    const number = itemText(reply.body, 'number', '+442079460122');
    for (const id of [5_000_022, 5_000_051, 5_000_095]) expect(number).toContain(`ID \`${id}\``);
    expect(itemText(reply.body, 'IP', '192.0.2.99')).toContain('→ no trunk');
    // Exactly these three: nothing else in the trace is an address or a number.
    expect(visibleText(reply.body)).toContain('3 addresses and numbers found · 2 match a trunk');

    expect(audit).toMatchObject({ surface: 'shortcut', outcome: 'ok', channel: 'C0TRACES', total: 4 });
    expect(JSON.stringify(reply.body)).not.toContain(SANDBOX_PASSWORD_PREFIX);
  });

  test('a message with nothing to look up gets a friendly note, and ITNIO is not asked for it', async () => {
    const before = world.sandbox!.requests.length;
    const { reply, audit } = await findIn(world, logs, 'The carrier says the outage is over, thanks all :tada:');
    expect(reply.body.response_type).toBe('ephemeral');
    expect(visibleText(reply.body)).toContain('I found no IP address or phone number in that message');
    expect(buttonsOf(reply.body)).toEqual([]);
    expect(audit.outcome).toBe('empty');
    expect(world.sandbox!.requests.length).toBe(before);
  });

  test('Share posts the same findings into the channel, attributed, and removes the private copy', async () => {
    const { reply } = await findIn(world, logs, INVITE, 'C0TRACES');
    const sharer = newUserId();
    const clicked = await click(world, reply.body, ACTION.shareLookup, { userId: sharer, channelId: 'C0TRACES' });
    const posted = await world.slack.waitForCall(
      'chat.postMessage',
      (c) => c.args.channel === 'C0TRACES' && JSON.stringify(c.args).includes(`<@${sharer}>`),
    );
    const shared = posted.args as { blocks?: unknown };
    expect(visibleText(shared)).toContain(`shared by <@${sharer}>`);
    expect(itemText(shared, 'IP', '203.0.113.10')).toContain('ID `5000011`');
    expect(itemText(shared, 'number', '+442079460122')).toContain('ID `5000022`');
    expect(itemText(shared, 'IP', '192.0.2.99')).toContain('→ no trunk');
    // A shared answer offers no Share of its own.
    expect(buttonsOf(shared as never).map((b) => b.action_id)).not.toContain(ACTION.shareLookup);
    expect((await clicked.next()).body).toEqual({ delete_original: true });
  });
});
