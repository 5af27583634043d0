import { blockKitProblem } from '../../devkit/sandbox/block-kit-limits.js';
import type { Digest } from '../../src/digest/digest-book.js';
import { LISTED_PER_GROUP, renderDigest } from '../../src/digest/render-digest.js';
import { summarizeDigest } from '../../src/digest/summarize-digest.js';
import { ACTION } from '../../src/trunks/action-ids.js';
import { createButtonSeal } from '../../src/trunks/button-seal.js';
import { indexTrunks } from '../../src/trunks/trunk-index.js';
import { decodeTrunkRef } from '../../src/trunks/trunk-ref.js';
import { aDigest } from '../support/a-digest.js';
import { aTrunk } from '../support/trunks.js';

const seal = createButtonSeal('test-secret');
const NOW = Date.UTC(2026, 2, 2, 9, 0);

const digest = (overrides: Partial<Digest> = {}) => aDigest({ createdAt: NOW - 86_400_000, ...overrides });

/** 10,000 trunks: every third disabled, every fifth enabled one down, every seventh changed an hour ago. */
function estate() {
  return Array.from({ length: 10_000 }, (_, i) =>
    aTrunk({
      keyId: 6_000_000 + i,
      name: `trunk-${i} <!channel> ${'x'.repeat(i % 2 === 0 ? 300 : 0)}`,
      enabled: i % 3 !== 0,
      gatewayUp: i % 5 !== 0,
      updateTime: i % 7 === 0 ? '2026-03-02 08:00:00' : '2025-01-10 11:31:21',
    }),
  );
}

describe('the daily digest message', () => {
  test('summarises 10,000 trunks within Slack’s limits: counts, the first few of each with Details, the rest as a query', () => {
    const trunks = estate();
    const index = indexTrunks(trunks, 'UTC');
    const summary = summarizeDigest(index, { page: 1 }, NOW);
    const disabled = trunks.filter((t) => t.enabled === false).length;
    const down = trunks.filter((t) => t.enabled && !t.gatewayUp).length;
    const changed = trunks.filter((t) => t.updateTime!.startsWith('2026')).length;
    expect([summary.total, summary.down.length, summary.disabled.length, summary.changed.length]).toEqual([
      10_000,
      down,
      disabled,
      changed,
    ]);

    const message = renderDigest({ digest: digest(), summary, fetchedAt: NOW, dueAt: NOW, lateMs: 0, seal });
    expect(blockKitProblem(message.blocks)).toBeUndefined();
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    const text = JSON.stringify(message);
    expect(text).toContain(`${down} down · ${disabled} disabled · ${changed} changed in the last 24 h`);
    expect(text).toContain(`…and ${down - LISTED_PER_GROUP} more: \`/trunks down\``);
    expect(text).toContain(`…and ${disabled - LISTED_PER_GROUP} more: \`/trunks disabled\``);
    expect(text).toContain(`…and ${changed - LISTED_PER_GROUP} more: \`/trunks changed:1d\``);
    // Vendor names are escaped everywhere, so a trunk cannot ping the channel.
    expect(text).not.toContain('<!channel>');
    expect(text).not.toMatch(/Posted late/);

    const buttons = message.blocks.flatMap((b) =>
      b.type === 'section' && b.accessory?.type === 'button' ? [b.accessory] : [],
    );
    expect(buttons).toHaveLength(3 * LISTED_PER_GROUP);
    expect(buttons.every((b) => b.action_id === ACTION.details)).toBe(true);
    expect(decodeTrunkRef(buttons[0]!.value, seal)).toEqual({
      id: String(summary.down[0]!.keyId),
      channel: 'C0DIGEST',
    });
  });

  test('says which filters it covers, and when it is posted late', () => {
    const trunks = [aTrunk({ keyId: 1, name: 'acme-out-01', enabled: false }), aTrunk({ keyId: 2, name: 'globex' })];
    const d = digest({ query: 'acme', request: { page: 1, name: 'acme' } });
    const summary = summarizeDigest(indexTrunks(trunks, 'UTC'), d.request, NOW);
    const message = renderDigest({ digest: d, summary, fetchedAt: NOW, dueAt: NOW, lateMs: 90 * 60_000, seal });
    const text = JSON.stringify(message);
    expect(text).toContain('Daily digest · SIP trunks matching “acme”');
    expect(message.text).toBe('Daily trunk digest: 1 trunk · 0 down · 1 disabled · 0 changed in the last 24 h');
    expect(text).toMatch(/Posted late: it was due <!date\^/);
    expect(text).toContain('daily at 09:00 (Europe/London), set up by <@U0ALICE>');
  });
});
