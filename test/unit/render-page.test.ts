import type { types } from '@slack/bolt';
import { ACTION } from '../../src/trunks/action-ids.js';
import { createButtonSeal } from '../../src/trunks/button-seal.js';
import { decodePageState } from '../../src/trunks/page-state.js';
import { renderTrunkPage, type RenderPageOptions } from '../../src/trunks/render-page.js';
import type { SlackMessage } from '../../src/trunks/message.js';
import { blockKitProblem } from '../../devkit/sandbox/block-kit-limits.js';
import { aPage, aTrunk } from '../support/trunks.js';

const fetchedAt = new Date('2026-11-27T14:03:12Z');
const seal = createButtonSeal('render-test-secret');
const decode = (value: string | undefined) => decodePageState(value, seal);

function render(overrides: Partial<RenderPageOptions> = {}): SlackMessage {
  return renderTrunkPage({
    request: { page: 1 },
    page: aPage([aTrunk()]),
    fetchedAt,
    timeZone: 'Asia/Shanghai',
    shareable: true,
    seal,
    ...overrides,
  });
}

function buttons(message: SlackMessage): types.Button[] {
  const actions = message.blocks.find((b): b is types.ActionsBlock => b.type === 'actions');
  return (actions?.elements ?? []) as types.Button[];
}

function mrkdwnTexts(message: SlackMessage): string[] {
  return message.blocks.flatMap((b) => {
    if (b.type === 'section') return [b.text?.text ?? ''];
    if (b.type === 'context') return b.elements.map((e) => ('text' in e && typeof e.text === 'string' ? e.text : ''));
    return [];
  });
}

function allText(message: SlackMessage): string {
  return JSON.stringify(message);
}

/** Slack's documented Block Kit limits, checked on every rendered message. */
function expectWithinSlackLimits(message: SlackMessage): void {
  expect(message.text.length).toBeGreaterThan(0);
  expect(message.blocks.length).toBeLessThanOrEqual(50);
  expect(JSON.stringify(message).length).toBeLessThan(12_000);
  const blockIds = message.blocks.map((b) => b.block_id).filter(Boolean);
  expect(new Set(blockIds).size).toBe(blockIds.length);
  for (const block of message.blocks) {
    if (block.type === 'header') expect(block.text.text.length).toBeLessThanOrEqual(150);
    if (block.type === 'section') {
      expect(block.text?.text.length ?? 0).toBeLessThanOrEqual(3_000);
      expect(block.fields?.length ?? 0).toBeLessThanOrEqual(10);
    }
  }
  const ids = buttons(message).map((b) => b.action_id);
  expect(new Set(ids).size).toBe(ids.length);
  for (const b of buttons(message)) {
    expect(b.text.text.length).toBeLessThanOrEqual(75);
    expect((b.value ?? '').length).toBeLessThanOrEqual(2_000);
  }
}

describe('renderTrunkPage', () => {
  test('shows the filters, the count and the page in the header area', () => {
    const message = render({
      request: { page: 2, type: 1, name: 'acme' },
      page: aPage([aTrunk()], { total: 23, pages: 3, current: 2 }),
    });
    expect(message.blocks[0]).toMatchObject({ type: 'header', text: { text: 'Outgoing trunks matching “acme”' } });
    expect(allText(message)).toContain('23 trunks · page 2 of 3');
    expect(message.text).toContain('Outgoing trunks matching “acme”: 23 trunks · page 2 of 3');
  });

  test('a card carries every field a support engineer needs, and never the SIP password', () => {
    const trunk = { ...aTrunk({ enabled: false, gatewayUp: false }), sipPassword: 'hunter2-secret' } as ReturnType<
      typeof aTrunk
    >;
    const message = render({ page: aPage([trunk]) });
    const card = allText(message);
    for (const expected of [
      'acme-out-01',
      'Outgoing',
      'disabled',
      ':red_circle:',
      'down',
      '203.0.113.10',
      '198.51.100.7',
      '`9`',
      '10.0.0.5',
      'acme01',
      'Tier 1',
      '+15551230000',
      '5000028',
    ]) {
      expect(card).toContain(expected);
    }
    expect(card).not.toContain('hunter2-secret');
  });

  test('vendor times become Slack date tokens in the configured zone', () => {
    const text = allText(render());
    // 2025-01-10 11:31:21 in Asia/Shanghai (UTC+8) is 03:31:21Z.
    expect(text).toContain(`<!date^${Date.UTC(2025, 0, 10, 3, 31, 21) / 1000}^`);
    expect(text).toContain('2025-01-10 11:31:21 Asia/Shanghai');
    expect(text).toContain(
      `<!date^${fetchedAt.getTime() / 1000}^{date_short_pretty} {time_secs}|2026-11-27T14:03:12.000Z>`,
    );
  });

  test('unparseable vendor times are shown as they came, escaped', () => {
    const text = allText(render({ page: aPage([aTrunk({ updateTime: '<!here> soon' })]) }));
    expect(text).toContain('&lt;!here&gt; soon');
    expect(text).not.toContain('<!here>');
  });

  test('Next only on the first page, Prev and Next in the middle, Prev only on the last', () => {
    const at = (page: number) =>
      buttons(
        render({
          request: { page },
          page: aPage([aTrunk()], { total: 30, pages: 3, current: page }),
          shareable: false,
        }),
      ).map((b) => [b.action_id, decode(b.value)?.request.page]);
    expect(at(1)).toEqual([
      [ACTION.next, 2],
      [ACTION.refresh, 1],
    ]);
    expect(at(2)).toEqual([
      [ACTION.prev, 1],
      [ACTION.next, 3],
      [ACTION.refresh, 2],
    ]);
    expect(at(3)).toEqual([
      [ACTION.prev, 2],
      [ACTION.refresh, 3],
    ]);
  });

  test('buttons keep the filters; a shared page is attributed and its buttons carry no sharer; Share only where asked', () => {
    const shared = render({
      request: { page: 1, type: 2, name: 'globex' },
      page: aPage([aTrunk()], { total: 20, pages: 2 }),
      shareable: false,
      sharedBy: 'U0SHARER',
    });
    expect(buttons(shared).map((b) => b.action_id)).toEqual([ACTION.next, ACTION.refresh]);
    // Pressed on the shared copy, they give the presser a private continuation, not attributed to the sharer.
    expect(decode(buttons(shared)[1]!.value)).toEqual({ request: { page: 1, type: 2, name: 'globex' } });
    expect(decode(buttons(shared)[0]!.value)).toEqual({ request: { page: 2, type: 2, name: 'globex' } });
    expect(allText(shared)).toContain('shared by <@U0SHARER>');

    const mine = render({ shareable: true });
    expect(buttons(mine).map((b) => b.text.text)).toEqual(['↻ Refresh', 'Share']);
  });

  test('Export CSV, where offered, carries the whole request from page 1; never on an empty answer', () => {
    const request = { page: 3, name: 'acme', type: 1 as const };
    const page = aPage([aTrunk()], { total: 25, pages: 3 });
    const exported = buttons(render({ request, page, exportable: true })).find((b) => b.action_id === ACTION.exportCsv);
    expect(exported?.text.text).toBe('Export CSV');
    expect(decode(exported?.value)).toEqual({ request: { ...request, page: 1 } });
    // Shared copies offer it too, with no Share.
    const shared = buttons(render({ request, page, exportable: true, shareable: false, sharedBy: 'U0SHARER' }));
    expect(shared.map((b) => b.action_id)).toContain(ACTION.exportCsv);
    expect(buttons(render({ request, page })).map((b) => b.action_id)).not.toContain(ACTION.exportCsv);
    const empty = buttons(render({ page: aPage([]), exportable: true }));
    expect(empty.map((b) => b.action_id)).not.toContain(ACTION.exportCsv);
  });

  test('a page past the end says so and offers the last page', () => {
    const message = render({
      request: { page: 7 },
      page: aPage([], { total: 23, pages: 3, current: 7 }),
      shareable: false,
    });
    expect(allText(message)).toContain('Page 7 is past the end: there are 3 pages.');
    expect(buttons(message).map((b) => [b.text.text, decode(b.value)?.request.page])).toEqual([
      ['‹ Prev', 3],
      ['↻ Refresh', 7],
    ]);
  });

  test('no results says what was searched and how to widen it', () => {
    const message = render({ request: { page: 1, type: 1, name: 'zzz' }, page: aPage([]), shareable: false });
    expect(allText(message)).toContain('No outgoing trunks matching “zzz”.');
    expect(allText(message)).toMatch(/Plain words search trunk names\. For the rest, say which field: `ip:/);
    expect(buttons(message).map((b) => b.action_id)).toEqual([ACTION.refresh]);
  });

  test('markup in vendor data and in the echoed filter cannot ping, link or break out', () => {
    const evil = '<!channel> & <@U123> <https://evil.example|click>';
    const message = render({
      request: { page: 1, name: evil },
      page: aPage([
        aTrunk({
          name: evil,
          sipAccount: evil,
          gatewayIp: '`<!here>`',
          groups: [{ groupId: 1, groupName: evil, number: evil }],
        }),
      ]),
    });
    // Slack only parses mentions and links in mrkdwn and the top-level text; plain_text and values are inert.
    const text = [message.text, ...mrkdwnTexts(message)].join('\n');
    expect(text).not.toMatch(/<!channel>|<!here>|<@U123>|<https:/);
    expect(text).toContain('&lt;!channel&gt; &amp; &lt;@U123&gt;');
  });

  test.each([
    ['long plain text', 'N', 'G', '9'],
    ['escape-heavy text that grows five-fold', '&', '<', '>'],
  ])('stays inside Block Kit limits on adversarial data: %s', (_label, nameChar, groupChar, ipChar) => {
    // 30 records: a vendor that ignores `size` must not push the page past 50 blocks.
    const nasty = Array.from({ length: 30 }, (_, i) =>
      aTrunk({
        keyId: `${ipChar.repeat(300)}${i}`,
        name: `${nameChar.repeat(300)}*_~\`${i}`,
        gatewayIp: ipChar.repeat(500),
        whiteIp: groupChar.repeat(500),
        prefix: nameChar.repeat(500),
        ccIp: '0000.000.0.00',
        sipAccount: nameChar.repeat(400),
        updateTime: groupChar.repeat(400),
        createTime: null,
        groups: Array.from({ length: 40 }, (_, g) => ({
          groupId: g,
          groupName: `${groupChar.repeat(200)}${g}`,
          number: ipChar.repeat(300),
        })),
      }),
    );
    const message = render({
      request: { page: 2, name: nameChar.repeat(100) },
      page: aPage(nasty, { total: 1_000, pages: 100, current: 2 }),
    });
    expectWithinSlackLimits(message);
    expect(blockKitProblem(message.blocks)).toBeUndefined();
    expect(message.blocks.filter((b) => b.type === 'section')).toHaveLength(10);
    expect(allText(message)).toContain('… +36 more');
    for (const text of mrkdwnTexts(message)) {
      // Cuts never split an entity such as &amp;
      expect(text).not.toMatch(/&(?!amp;|lt;|gt;)/);
    }
  });

  test('records ITNIO sent that could not be read are admitted to', () => {
    const message = render({ page: { ...aPage([aTrunk()]), unreadable: 2 } });
    expect(allText(message)).toContain('2 records from ITNIO could not be read');
  });

  test('a shared page says who shared it in the notification text too', () => {
    expect(render({ sharedBy: 'U0SHARER', shareable: false }).text).toContain('shared by <@U0SHARER>');
  });

  test('no results say "0 trunks" without a page count', () => {
    const message = render({ page: aPage([]), request: { page: 1 } });
    expect(message.text).toBe('SIP trunks: 0 trunks');
  });

  test('names with asterisks are not wrapped in bold, so formatting cannot break', () => {
    const text = mrkdwnTexts(render({ page: aPage([aTrunk({ name: 'a *b* c' })]) })).join('\n');
    expect(text).toContain(':large_green_circle: a *b* c  ·');
    expect(mrkdwnTexts(render()).join('\n')).toContain('*acme-out-01*');
  });

  test('nulls everywhere render as dashes, not "null"', () => {
    const message = render({
      page: aPage([
        aTrunk({
          name: null,
          type: null,
          enabled: null,
          gatewayUp: null,
          gatewayIp: null,
          whiteIp: null,
          prefix: null,
          ccIp: null,
          sipAccount: null,
          updateTime: null,
          createTime: null,
          groups: [],
        }),
      ]),
    });
    expectWithinSlackLimits(message);
    const text = allText(message);
    expect(text).not.toContain('null');
    expect(text).toContain('(unnamed trunk)');
    expect(text).toContain(':white_circle:');
  });
});
