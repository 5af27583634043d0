import type { RawTrunk } from '../../devkit/sandbox/seed-trunks.js';
import { startSandboxWorld, type SandboxWorld } from '../../devkit/sandbox/sandbox-world.js';
import { nextTs } from '../../devkit/sandbox/slack-ids.js';
import { headerOf, newUserId, visibleText } from '../support/answers.js';
import { captureLogs, waitForAudit, type CapturedLogs, type LogLine } from '../support/capture-logs.js';
import { ask, auditIds } from '../support/world-helpers.js';

// The bot's clock stands still: seeded change times are relative to it, so `changed:` and `since:` have
// fixed answers, and the snapshot never goes stale while the tests run.
const NOW = Date.UTC(2026, 10, 27, 14, 3, 12);
// ITNIO writes local times without a zone; a zone other than UTC proves `since:` reads them in it.
const VENDOR_ZONE = 'Asia/Shanghai';
const VENDOR_OFFSET = '+08:00';

let world: SandboxWorld;
let logs: CapturedLogs;

beforeAll(async () => {
  logs = captureLogs();
  world = await startSandboxWorld({
    now: () => NOW,
    logDestination: logs.destination,
    env: { ITNIO_TIMEZONE: VENDOR_ZONE, RATE_LIMIT_PER_USER: '0' },
  });
});

afterAll(() => world.close());

type Expected = readonly number[] | ((t: RawTrunk) => boolean);

const raw = (): readonly RawTrunk[] => world.sandbox!.trunks;
const isDown = (t: RawTrunk) => t.state === 1 && !t.sipTrunkState;
const changedMs = (t: RawTrunk) => Date.parse(`${t.updateTime.replace(' ', 'T')}${VENDOR_OFFSET}`);
const changedWithin = (minutes: number) => (t: RawTrunk) => changedMs(t) >= NOW - minutes * 60_000;
const hasGroup = (text: string) => (t: RawTrunk) =>
  (t.groupList ?? []).some((g) => (g.groupName ?? '').toLowerCase().includes(text));
const named = (word: string) => (t: RawTrunk) => t.sipTrunkName.toLowerCase().includes(word);
const LONDON = [5_000_022, 5_000_051, 5_000_095];
const SUPPORT_TIER_1 = [5_000_008, 5_000_032, 5_000_056, 5_000_080, 5_000_104];
const CARRIER = [5_000_014, 5_000_034, 5_000_054, 5_000_074, 5_000_094, 5_000_114];

/** The seeded trunks a row expects, in seed order. */
function expectedTrunks(expected: Expected): RawTrunk[] {
  const matches = typeof expected === 'function' ? expected : (t: RawTrunk) => expected.includes(t.keyId);
  return raw().filter(matches);
}

/** Checks a list answer: the audit's count and trunks, and the header's counts, against the seeded trunks. */
function expectList(reply: { blocks?: unknown }, audit: LogLine, expected: Expected): void {
  const trunks = expectedTrunks(expected);
  if (typeof expected !== 'function') expect(trunks).toHaveLength(expected.length);
  expect(audit.outcome).toBe(trunks.length === 0 ? 'empty' : 'ok');
  expect(audit.total).toBe(trunks.length);
  const ids = auditIds(audit);
  const wanted = trunks.map((t) => t.keyId);
  if (wanted.length <= 10) expect([...ids].sort()).toEqual([...wanted].sort());
  else for (const id of ids) expect(wanted).toContain(id);
  if (trunks.length > 0) {
    expect(headerOf(reply)).toEqual({
      total: trunks.length,
      page: audit.page,
      pages: Math.ceil(trunks.length / 10),
      down: trunks.filter(isDown).length,
    });
  }
}

describe('what users type (README table), each row', () => {
  test.each<[string, Expected]>([
    // Addresses: exact, never a longer one; any address of a field holding several.
    ['203.0.113.10', [5_000_011]],
    ['ip:203.0.113.10', [5_000_011]],
    ['203.0.113.11', [5_000_011]],
    ['203.0.113.1', []],
    ['ip:203.0.113.1', []],
    ['198.51.100.7', [5_000_012]],
    ['ip:198.51.100.8', [5_000_012]],
    ['10.20.3.11', [5_000_004]],
    ['203.0.113.200', CARRIER],
    ['ip:2001:db8:10::5', [5_000_010]],
    ['2001:db8:10::5', [5_000_010]],
    ['ip:2001:0db8:0010:0000:0000:0000:0000:0005', [5_000_010]],
    // Ranges.
    ['203.0.113.0/28', [5_000_011]],
    ['ip:203.0.113.192/26', CARRIER],
    ['ip:2001:db8:10::/48', [5_000_010, 5_000_048, 5_000_067, 5_000_105]],
    // Phone numbers, in every spelling the vendor or a user writes them.
    ['+44 20 7946 0122', LONDON],
    ['+442079460122', LONDON],
    ['020 7946 0122', LONDON],
    ['02079460122', LONDON],
    ['442079460122', LONDON],
    ['number:+442079460122', LONDON],
    ['number:"020 7946 0122"', LONDON],
    // IDs, and a bare 7+-digit number tried as an ID.
    ['5000004', [5_000_004]],
    ['id:5000004', [5_000_004]],
    ['id:5000004 id:5000044', [5_000_004, 5_000_044]],
    // Account, group, prefix.
    ['account:acme_5000001', [5_000_001]],
    ['account:ACME_5000001', [5_000_001]],
    ['group:billing', hasGroup('billing')],
    ['group:"support tier 1"', SUPPORT_TIER_1],
    ['group:\u201CSupport Tier 1\u201D', SUPPORT_TIER_1],
    ['prefix:403', [5_000_004]],
    // States.
    ['down', isDown],
    ['status:down', isDown],
    ['up', (t) => t.sipTrunkState],
    ['enabled', (t) => t.state === 1],
    ['disabled', (t) => t.state === 0],
    // Recent changes.
    ['changed:30m', changedWithin(30)],
    ['changed:6h', changedWithin(6 * 60)],
    ['changed:2d', changedWithin(2 * 24 * 60)],
    ['since:2026-11-27', (t) => t.updateTime >= '2026-11-27 00:00:00'],
    ['since:"2026-11-27 14:00"', (t) => t.updateTime >= '2026-11-27 14:00:00'],
    // Direction.
    ['outgoing', (t) => t.type === 1],
    ['out', (t) => t.type === 1],
    ['type:1', (t) => t.type === 1],
    ['incoming', (t) => t.type === 2],
    ['in', (t) => t.type === 2],
    ['type:2', (t) => t.type === 2],
    ['all', () => true],
    // Name words, in any order, and how people actually type them.
    ['eu globex', [5_000_003, 5_000_004]],
    ['in name:"globex eu"', [5_000_004]],
    ['name: acme', named('acme')],
    ['acme?', named('acme')],
    ['globex.', named('globex')],
    // Different kinds combine; several values of one kind are alternatives.
    ['in globex down', [5_000_028]],
    ['group:"support tier 1" down', [5_000_008]],
    ['203.0.113.10 198.51.100.7', [5_000_011, 5_000_012]],
    ['prefix:403 outgoing', []],
  ])('/trunks %j', async (text, expected) => {
    const { reply, audit } = await ask(world, logs, text);
    expectList(reply.body, audit, expected);
  });

  test('an address that matches nothing gets an answer that names the address searched', async () => {
    const { reply } = await ask(world, logs, '203.0.113.1');
    const text = visibleText(reply.body);
    expect(text).not.toContain('5000011');
    expect(text).toContain('203.0.113.1');
  });

  test.each([
    ['changed:30m', 30],
    ['changed:6h', 6 * 60],
  ])('%s lists the newest change first', async (text, minutes) => {
    const { audit } = await ask(world, logs, text);
    const byId = new Map(raw().map((t) => [t.keyId, changedMs(t)]));
    // Trunks changed in the same second may come in either order: compare the change times shown.
    const newestFirst = raw()
      .filter(changedWithin(minutes))
      .map(changedMs)
      .sort((a, b) => b - a);
    expect(auditIds(audit).map((id) => byId.get(id))).toEqual(newestFirst.slice(0, 10));
  });

  test('changed:30m finds the twelve trunks changed in the last half hour, over two pages', async () => {
    const pages = await Promise.all(['changed:30m', 'changed:30m page:2'].map((text) => ask(world, logs, text)));
    const ids = pages.flatMap(({ audit }) => auditIds(audit));
    expect(ids).toHaveLength(12);
    expect(new Set(ids).size).toBe(12);
    expect(ids).toEqual(expect.arrayContaining([5_000_001, 5_000_011, 5_000_021]));
  });

  test.each(['acme page 2', 'acme page=2', 'acme page:2', 'page:2 acme'])(
    '/trunks %j starts on page 2',
    async (text) => {
      const { reply, audit } = await ask(world, logs, text);
      expect(audit.page).toBe(2);
      expect(headerOf(reply.body)).toMatchObject({ page: 2, total: raw().filter(named('acme')).length });
    },
  );

  test.each([['type:3'], ['page:0'], ['ip:300.1.2.3'], ['changed:soon'], ['outgoign']])(
    '/trunks %j is refused with the usage, not run',
    async (text) => {
      const { reply, audit } = await ask(world, logs, text);
      expect(audit.outcome).toBe('invalid_input');
      expect(reply.body.response_type).toBe('ephemeral');
      expect(visibleText(reply.body)).toContain('/trunks outgoing acme');
    },
  );
});

describe('stats', () => {
  test('`stats` counts every trunk by direction, enabled flag and gateway, and lists the down ones', async () => {
    const { reply, audit } = await ask(world, logs, 'stats');
    const down = raw().filter(isDown);
    const changed24h = raw().filter(changedWithin(24 * 60)).length;
    expect(audit).toMatchObject({ outcome: 'ok', total: 120 });
    const text = visibleText(reply.body);
    expect(text).toContain(`120 trunks · ${down.length} down · ${changed24h} changed in the last 24 h`);
    for (const [label, type] of [
      ['Outgoing', 1],
      ['Incoming', 2],
    ] as const) {
      const ofType = raw().filter((t) => t.type === type);
      const enabled = ofType.filter((t) => t.state === 1);
      const up = enabled.filter((t) => t.sipTrunkState).length;
      expect(text).toContain(
        `*${label}* ${ofType.length} · enabled ${enabled.length} (gateway up ${up}, *down ${enabled.length - up}*) · disabled ${ofType.length - enabled.length}`,
      );
    }
    // Ten down trunks are named; the rest are counted.
    const listed = [...text.matchAll(/:red_circle: .* · ID `(\d+)`/g)].map((m) => Number(m[1]));
    expect(listed).toHaveLength(10);
    for (const id of listed) expect(down.map((t) => t.keyId)).toContain(id);
    expect(text).toContain(`… and ${down.length - 10} more`);
  });

  test('`stats` with filters counts the matching trunks by direction, state and gateway, and names the down ones', async () => {
    // Globex Inbound EU (up) and ACME Inbound US (down), both incoming.
    const { reply, audit } = await ask(world, logs, 'stats id:5000004 id:5000008');
    const trunks = expectedTrunks([5_000_004, 5_000_008]);
    const changed24h = trunks.filter(changedWithin(24 * 60)).length;
    expect(audit).toMatchObject({ outcome: 'ok', total: 2 });
    const text = visibleText(reply.body);
    expect(text).toContain(`2 trunks · 1 down · ${changed24h} changed in the last 24 h`);
    expect(text).toContain('*Incoming* 2 · enabled 2 (gateway up 1, *down 1*) · disabled 0');
    expect(text).not.toContain('*Outgoing*');
    expect(text).toMatch(/:red_circle: ACME Inbound US .*· ID `5000008`/);
    expect(text).not.toContain('ID `5000004`');
  });
});

/** Mentions the bot with `text` in a new top-level message; returns the thread post and the audit line. */
async function mention(text: string) {
  const userId = newUserId();
  const ts = nextTs();
  await world.sender.appMention({ text, userId, ts, channelId: 'C0INCIDENT' });
  const audit = await waitForAudit(logs, (line) => line.user === userId);
  const posted = await world.slack.waitForCall('chat.postMessage', (c) => c.args.thread_ts === ts);
  return { audit, posted };
}

describe('mentions read the words meant for the bot', () => {
  const bot = () => `<@${world.slack.botUserId}>`;

  test.each<[string, (bot: string) => string, Expected]>([
    ['a colon after the mention', (b) => `${b}: in globex`, (t) => t.type === 2 && named('globex')(t)],
    ['words before the mention', (b) => `hey ${b} in acme`, (t) => t.type === 2 && named('acme')(t)],
    ['filters before the mention', (b) => `outgoing acme ${b}`, (t) => t.type === 1 && named('acme')(t)],
    ['an address', (b) => `${b} 203.0.113.200`, CARRIER],
    ['just "trunks": every trunk', (b) => `${b} trunks`, () => true],
  ])('%s', async (_label, text, expected) => {
    const { audit, posted } = await mention(text(bot()));
    expect(posted.ok).toBe(true);
    expectList(posted.args, audit, expected);
  });
});
