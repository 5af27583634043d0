import type { types } from '@slack/bolt';
import { blockKitProblem } from '../../devkit/sandbox/block-kit-limits.js';
import { ACTION } from '../../src/trunks/action-ids.js';
import { createButtonSeal } from '../../src/trunks/button-seal.js';
import { decodeTrunkRef } from '../../src/trunks/trunk-ref.js';
import { type AlertItem, changeLine, duration, incidentLine, renderAlertPost } from '../../src/watch/render-alert.js';
import type { Incident } from '../../src/watch/watch-state.js';
import { aTrunk } from '../support/trunks.js';

const incident = (overrides: Partial<Incident> = {}): Incident => ({
  trunkId: '1',
  name: '<!channel> *Acme*',
  gatewayIp: '203.0.113.10',
  since: Date.UTC(2026, 10, 28, 14, 3),
  downAt: Date.UTC(2026, 10, 28, 14, 3),
  down: true,
  downs: 1,
  ...overrides,
});

const item = (i: Incident): AlertItem => ({ trunkId: i.trunkId, text: incidentLine(i), incident: i });

describe('alert messages', () => {
  it('escape vendor names so a trunk cannot ping a channel or break the markup', () => {
    const text = JSON.stringify(
      renderAlertPost({ channel: 'C1', items: [item(incident())], lines: [], more: 0, seal: createButtonSeal('k') }),
    );
    // Nowhere: not in the blocks, not in the notification text.
    expect(text).not.toContain('<!channel>');
    expect(text).toContain('&lt;!channel&gt;');
  });

  it('list ten incidents with Details and Share… each, within Slack’s message limits, and count the rest', () => {
    const seal = createButtonSeal('k');
    const long = (i: number) => `${'<&>'.repeat(40)} trunk ${i}`;
    const items = Array.from({ length: 13 }, (_, i) =>
      item(incident({ trunkId: String(5_000_000 + i), name: long(i), downs: 9 })),
    );
    const lines = Array.from({ length: 10 }, () => 'x'.repeat(290));
    const message = renderAlertPost({ channel: 'C0ALERTS', items, lines, more: 4, seal });
    expect(blockKitProblem(message.blocks)).toBeUndefined();
    const rows = message.blocks.filter((b): b is types.ActionsBlock => b.type === 'actions');
    expect(rows).toHaveLength(10);
    rows.forEach((row, i) => {
      const buttons = row.elements as types.Button[];
      expect(buttons.map((b) => [b.action_id, b.text.text])).toEqual([
        [ACTION.details, 'Details'],
        [ACTION.shareToChannel, 'Share…'],
      ]);
      // Each row's buttons name its own incident's trunk, and the alert's channel it was shared from.
      for (const b of buttons)
        expect(decodeTrunkRef(b.value, seal)).toEqual({ id: String(5_000_000 + i), channel: 'C0ALERTS' });
    });
    expect(JSON.stringify(message.blocks)).toContain('…and 7 more');
    expect(message.text).toBe('🔴 13 gateways down · 14 trunk changes');
  });

  it('keep a change line within its limit by dropping whole parts, never cutting one', () => {
    const long = 'x'.repeat(60);
    const before = aTrunk({ gatewayIp: long, whiteIp: long, ccIp: long, prefix: long, sipAccount: long });
    const after = aTrunk({
      gatewayIp: `${long}1`,
      whiteIp: `${long}1`,
      ccIp: `${long}1`,
      prefix: `${long}1`,
      sipAccount: `${long}1`,
    });
    const line = changeLine({
      kind: 'changed',
      id: '1',
      trunk: after,
      before,
      fields: ['gatewayIp', 'whiteIp', 'ccIp', 'prefix', 'sipAccount'],
    });
    expect(line.length).toBeLessThanOrEqual(290);
    expect(line).toMatch(/\+\d more$/);
    expect((line.match(/`/g) ?? []).length % 2).toBe(0);
  });

  it('say how long an outage lasted in words', () => {
    expect(duration(30_000)).toBe('less than a minute');
    expect(duration(12 * 60_000)).toBe('12 min');
    expect(duration(125 * 60_000)).toBe('2 h 5 min');
    expect(duration(120 * 60_000)).toBe('2 h');
  });
});
