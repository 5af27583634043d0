import { createButtonSeal } from '../../src/trunks/button-seal.js';
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

  it('list ten incidents with a Details button each and count the rest', () => {
    const items = Array.from({ length: 13 }, (_, i) => item(incident({ trunkId: String(i), name: `t${i}` })));
    const message = renderAlertPost({ channel: 'C1', items, lines: ['x'], more: 4, seal: createButtonSeal('k') });
    const sections = message.blocks.filter((b) => b.type === 'section' && 'accessory' in b && b.accessory);
    expect(sections).toHaveLength(10);
    expect(JSON.stringify(message.blocks)).toContain('…and 7 more');
    expect(message.text).toBe('🔴 13 gateways down · 5 trunk changes');
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
