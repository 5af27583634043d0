import { blockKitProblem } from '../../devkit/sandbox/block-kit-limits.js';
import { viewProblems } from '../../devkit/sandbox/slack-views.js';
import { collectHomeFacts } from '../../src/home/home-facts.js';
import { HOME_SHOWN } from '../../src/home/home-blocks.js';
import { homeView, renderHome, renderHomeNotice, shownOnHome } from '../../src/home/render-home.js';
import { ACTION } from '../../src/trunks/action-ids.js';
import { createButtonSeal } from '../../src/trunks/button-seal.js';
import { decodePageState } from '../../src/trunks/page-state.js';
import { renderProblem } from '../../src/trunks/render-notice.js';
import { indexTrunks } from '../../src/trunks/trunk-index.js';
import type { Watch } from '../../src/watch/watch-book.js';
import { allButtonsOf, visibleText } from '../support/answers.js';
import { aTrunk, someTrunks } from '../support/trunks.js';

const ZONE = 'UTC';
const AS_OF = Date.parse('2025-01-10T12:00:00Z');
const seal = createButtonSeal('render-home-test');

/** The Home of user U0ME; `watches` undefined is a watch book that could not be read. */
function home(trunks = someTrunks({}), watches?: Watch[]) {
  const facts = collectHomeFacts(indexTrunks(trunks, ZONE), AS_OF, watches, 'U0ME');
  return { facts, message: renderHome({ facts, fetchedAt: new Date(AS_OF), timeZone: ZONE, seal, unreadable: 0 }) };
}

const aWatch = (i: number, overrides: Partial<Watch> = {}): Watch => ({
  id: `w${i}`,
  channel: `C0CHAN${i % 3}`,
  createdBy: 'U0ME',
  createdAt: AS_OF - i * 60_000,
  query: `group:"${'support & <tier> '.repeat(5)}${i}" outgoing ip:203.0.113.0/24`,
  request: { page: 1, group: `${'support & <tier> '.repeat(5)}${i}`, type: 1, ips: ['203.0.113.0/24'] },
  ...overrides,
});

const fieldsOf = (message: { blocks: unknown[] }) =>
  Object.fromEntries(
    ((message.blocks as { fields?: { text: string }[] }[]).find((b) => b.fields)?.fields ?? []).map((f) => {
      const [label, n] = f.text.split('\n');
      return [label!.replace(/\*/g, ''), n];
    }),
  );

describe('renderHome', () => {
  test('the worst case stays within Slack’s limits for a Home tab: 100 blocks, 3,000 per text, 250 kB', () => {
    // Thousands of trunks, all down and all just changed, with the longest names escaping can make, and
    // more watches than the tab lists, with long filters.
    const nasty = '<&>*`'.repeat(60);
    const trunks = Array.from({ length: 5_000 }, (_, i) =>
      aTrunk({
        keyId: 9_000_000_000_000 + i,
        name: `${nasty} ${i}`,
        enabled: true,
        gatewayUp: false,
        gatewayIp: `${'2001:db8::1, '.repeat(20)}`,
        updateTime: '2025-01-10 11:59:00',
        type: i % 3 === 0 ? null : 1,
        ...(i % 7 === 0 && { enabled: null }),
      }),
    );
    const watches = Array.from({ length: 100 }, (_, i) =>
      aWatch(i, i % 2 ? { disabled: { reason: nasty, at: AS_OF } } : {}),
    );
    const facts = collectHomeFacts(indexTrunks(trunks, ZONE), AS_OF, watches, 'U0ME');
    const note = { text: 'note', blocks: Array.from({ length: 10 }, () => renderProblem(nasty.repeat(10)).blocks[0]!) };
    const message = renderHome({ facts, fetchedAt: new Date(AS_OF), timeZone: ZONE, seal, unreadable: 12_345, note });
    const view = homeView(message);
    expect(viewProblems(view, 'home')).toEqual([]);
    expect(blockKitProblem(view.blocks, 100)).toBeUndefined();
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    expect(JSON.stringify(view).length).toBeLessThan(250_000);
    for (const block of view.blocks as { text?: { text: string } }[]) {
      expect((block.text?.text ?? '').length).toBeLessThanOrEqual(3_000);
    }
    const details = allButtonsOf(message).filter((b) => b.action_id === ACTION.details);
    expect(details).toHaveLength(HOME_SHOWN.down + HOME_SHOWN.changed);
    expect(allButtonsOf(message).filter((b) => b.action_id === ACTION.unwatch)).toHaveLength(HOME_SHOWN.watches);
    expect(facts.stats.down).toBeGreaterThan(4_000);
    expect(visibleText(message)).toContain(`…and ${(facts.stats.down - HOME_SHOWN.down).toLocaleString('en-US')} more`);
    expect(visibleText(message)).toContain(`…and ${100 - HOME_SHOWN.watches} more`);
    expect(shownOnHome(facts)).toHaveLength(HOME_SHOWN.down + HOME_SHOWN.changed);
  });

  test('counts add up: odd records get their own counts', () => {
    const { message } = home(
      someTrunks(
        { type: 1, enabled: true, gatewayUp: false, updateTime: '2025-01-10 11:00:00' },
        { type: 1, enabled: true, gatewayUp: true, updateTime: '2025-01-01 11:00:00' },
        { type: 2, enabled: false, gatewayUp: false, updateTime: '2025-01-01 11:00:00' },
        { type: null, enabled: null, gatewayUp: null, updateTime: '2025-01-09 12:30:00' },
      ),
    );
    expect(fieldsOf(message)).toEqual({
      Trunks: '4',
      'Down (enabled, gateway down)': '1',
      Outgoing: '2',
      Incoming: '1',
      Enabled: '2',
      Disabled: '1',
      'Changed in 24 h': '2',
      'Unknown direction': '1',
      'State unknown': '1',
    });
  });

  test('an empty estate and no watches say so, with nothing cut and no “List all”', () => {
    const { message } = home([], []);
    const text = visibleText(message);
    expect(text).toContain('None: every enabled trunk’s gateway is up.');
    expect(text).toContain('Nothing changed.');
    expect(text).toContain('You have set up no watches.');
    expect(text).not.toContain('more');
    expect(fieldsOf(message).Trunks).toBe('0');
  });

  test('lists only the user’s own watches, with a Remove each; an unreadable watch book says so', () => {
    const watches = [aWatch(1), aWatch(2, { createdBy: 'U0SOMEONE' }), aWatch(3, { createdBy: 'operator' })];
    const { message } = home(someTrunks({}), watches);
    const removes = allButtonsOf(message).filter((b) => b.action_id === ACTION.unwatch);
    expect(removes).toHaveLength(1);
    expect(visibleText(message)).toContain('in <#C0CHAN1>');
    expect(visibleText(home(someTrunks({}), undefined).message)).toContain('Your watches could not be read just now.');
  });

  test('its query buttons carry the Down, Changed and Stats queries, sealed', () => {
    const { message } = home(someTrunks({ enabled: true, gatewayUp: false }));
    const queries = allButtonsOf(message)
      .filter((b) => b.action_id?.startsWith(ACTION.homeQuery))
      .map((b) => [b.text.text, decodePageState(b.value, seal)?.request]);
    expect(queries).toEqual([
      ['Down (1)', { page: 1, status: ['down'] }],
      ['Changed in 24 h (1)', { page: 1, changed: { withinMinutes: 1_440 } }],
      ['Stats', { page: 1, stats: true }],
    ]);
    expect(allButtonsOf(message).map((b) => b.action_id)).toContain(ACTION.homeRefresh);
  });

  test('a notice keeps a Refresh button to try again', () => {
    const notice = renderHomeNotice(renderProblem('ITNIO did not answer in time.'));
    expect(visibleText(notice)).toContain('ITNIO did not answer in time.');
    expect(allButtonsOf(notice).map((b) => b.action_id)).toEqual([ACTION.homeRefresh]);
    expect(viewProblems(homeView(notice), 'home')).toEqual([]);
  });
});
