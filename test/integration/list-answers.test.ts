import type { RawTrunk } from '../../devkit/sandbox/seed-trunks.js';
import { startSandboxWorld, type SandboxWorld } from '../../devkit/sandbox/sandbox-world.js';
import { ACTION } from '../../src/trunks/action-ids.js';
import { cardIdsOf, cardIsDown, headerOf, newUserId, visibleText } from '../support/answers.js';
import { captureLogs, waitForAudit, type CapturedLogs } from '../support/capture-logs.js';
import { shareInChannel } from '../support/share-in-channel.js';
import { ask, buttonsOf, click } from '../support/world-helpers.js';

// Lists are answered from one snapshot and nothing here changes ITNIO: one world serves every test.
let world: SandboxWorld;
let logs: CapturedLogs;

beforeAll(async () => {
  logs = captureLogs();
  world = await startSandboxWorld({ logDestination: logs.destination, env: { RATE_LIMIT_PER_USER: '0' } });
});

afterAll(() => world.close());

const raw = (): readonly RawTrunk[] => world.sandbox!.trunks;
const isDown = (t: RawTrunk) => t.state === 1 && !t.sipTrunkState;
// The README's rule, written independently of the bot: the name holds every word, in any order and any case.
const named = (words: string) => (t: RawTrunk) =>
  words
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((w) => t.sipTrunkName.toLowerCase().includes(w));

describe('every list header says "N trunks · page x of y · M down"', () => {
  test.each([
    ['', () => true],
    ['acme', named('acme')],
    ['outgoing', (t: RawTrunk) => t.type === 1],
    ['in acme', (t: RawTrunk) => t.type === 2 && named('acme')(t)],
    ['globex', named('globex')],
    ['page:2 acme', named('acme')],
  ])('/trunks %j', async (text, matches) => {
    const { reply, audit } = await ask(world, logs, text);
    const expected = raw().filter(matches);
    const page = /page:(\d+)/.exec(text)?.[1] ?? '1';
    expect(audit.outcome).toBe('ok');
    expect(headerOf(reply.body)).toEqual({
      total: expected.length,
      page: Number(page),
      pages: Math.ceil(expected.length / 10),
      down: expected.filter(isDown).length,
    });
    expect(audit.total).toBe(expected.length);
  });

  test('enabled-but-down trunks come first across all pages, then the rest', async () => {
    const down = new Set(
      raw()
        .filter(isDown)
        .map((t) => t.keyId),
    );
    // 20 of the 120 seeded trunks are down: exactly pages 1 and 2 of the unfiltered list.
    expect(down.size).toBe(20);
    const pages = await Promise.all(['', 'page:2', 'page:3'].map((text) => ask(world, logs, text)));
    const [first, second, third] = pages.map(({ reply }) => cardIdsOf(reply.body));
    expect(new Set([...first!, ...second!])).toEqual(down);
    expect(third!.some((id) => down.has(id))).toBe(false);
    for (const id of first!) expect(cardIsDown(pages[0]!.reply.body, id)).toBe(true);
  });

  test('within a page of mixed trunks, the down ones are on top', async () => {
    const { reply } = await ask(world, logs, 'globex');
    const ids = cardIdsOf(reply.body);
    const downIds = raw()
      .filter((t) => named('globex')(t) && isDown(t))
      .map((t) => t.keyId);
    // Globex has two down trunks (5000003 and 5000028) among ten.
    expect(downIds.length).toBeGreaterThan(0);
    expect(ids.slice(0, downIds.length).sort()).toEqual([...downIds].sort());
  });
});

describe('plain words find names holding every word, in any order', () => {
  test.each([
    ['eu globex', [5_000_003, 5_000_004]],
    ['globex eu', [5_000_003, 5_000_004]],
    ['GLOBEX inbound Eu', [5_000_004]],
    // The usage help's own example.
    ['in name:"globex eu"', [5_000_004]],
    ['in name:\u201Cglobex eu\u201D', [5_000_004]],
  ])('/trunks %j', async (text, expected) => {
    const { ids, audit } = await ask(world, logs, text);
    expect(audit.total).toBe(expected.length);
    expect([...ids].sort()).toEqual(expected);
  });
});

describe('an empty answer', () => {
  test('says nothing matched, offers the agent group the words name, and no Share', async () => {
    const { reply, audit } = await ask(world, logs, 'support tier 1');
    expect(audit).toMatchObject({ outcome: 'empty', total: 0 });
    expect(visibleText(reply.body)).toContain('No SIP trunks matching “support tier 1”');
    expect(visibleText(reply.body)).toMatch(/5 trunks have group \*Support Tier 1\*/);
    const buttons = buttonsOf(reply.body);
    expect(buttons.map((b) => b.action_id)).not.toContain(ACTION.share);
    // Suggestions are told apart by what they say, not by how the bot names its buttons.
    expect(buttons.map((b) => b.text.text).filter((label) => / in group /.test(label))).toEqual([
      '5 in group Support Tier 1',
    ]);
  });

  test('with several suggestions still reaches the user, one button per suggestion', async () => {
    // "support" is in no trunk name but in two agent groups: Support Tier 1 and Support Tier 2.
    const { reply, audit } = await ask(world, logs, 'support');
    expect(audit).toMatchObject({ outcome: 'empty', total: 0 });
    expect(audit.replyFailed).toBeUndefined();
    const labels = buttonsOf(reply.body).map((b) => b.text.text);
    expect(labels).toContain('5 in group Support Tier 1');
    expect(labels.some((l) => / in group Support Tier 2$/.test(l))).toBe(true);
  });

  test('its suggestion button lists the trunks in that group, down ones first', async () => {
    const { reply } = await ask(world, logs, 'support tier 1');
    const suggestion = buttonsOf(reply.body).find((b) => b.text.text === '5 in group Support Tier 1')!;
    const userId = newUserId();
    const clicked = await click(world, reply.body, suggestion.action_id!, { userId, value: suggestion.value! });
    const listed = await clicked.next();
    const audit = await waitForAudit(logs, (line) => line.user === userId);
    const inGroup = raw().filter((t) => (t.groupList ?? []).some((g) => g.groupName === 'Support Tier 1'));
    expect(inGroup.map((t) => t.keyId)).toEqual([5_000_008, 5_000_032, 5_000_056, 5_000_080, 5_000_104]);
    expect(audit).toMatchObject({
      outcome: 'ok',
      total: 5,
      filters: expect.objectContaining({ group: 'Support Tier 1' }),
    });
    expect(listed.body.replace_original).toBe(true);
    expect(headerOf(listed.body)).toEqual({ total: 5, page: 1, pages: 1, down: 1 });
    // 5000008 is the group's one enabled trunk with its gateway down.
    const [first, ...rest] = cardIdsOf(listed.body);
    expect(first).toBe(5_000_008);
    expect(rest.sort()).toEqual([5_000_032, 5_000_056, 5_000_080, 5_000_104]);
    expect(buttonsOf(listed.body).map((b) => b.action_id)).toContain(ACTION.share);
  });
});

describe('a shared message stays as it was shared', () => {
  test.each([ACTION.next, ACTION.refresh])(
    'its %s gives the presser a private continuation with their own Share, and edits nothing',
    async (action) => {
      const posted = await shareInChannel(world, logs, 'acme', 'C0SHARED');
      const presser = newUserId();
      const pressed = await click(world, posted.args as never, action, {
        isEphemeral: false,
        userId: presser,
        channelId: 'C0SHARED',
      });
      const continuation = await pressed.next();
      await waitForAudit(logs, (line) => line.user === presser);
      expect(continuation.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
      expect(visibleText(continuation.body)).not.toContain('shared by');
      expect(headerOf(continuation.body).page).toBe(action === ACTION.next ? 2 : 1);
      expect(buttonsOf(continuation.body).map((b) => b.action_id)).toContain(ACTION.share);
      // Nothing may touch the shared copy: no edit, no delete, no in-place replacement through the response_url.
      expect(world.slack.calls.filter((c) => c.method === 'chat.update' || c.method === 'chat.delete')).toEqual([]);
      expect(world.slack.responses.filter((r) => r.id === pressed.id && r.body.replace_original === true)).toEqual([]);
    },
  );
});
