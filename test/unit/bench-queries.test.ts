import { floorReplyText, floorVendorBody, isFloorReply } from '../../devkit/bench/floor-vendor-body.js';
import type { BenchWorld } from '../../devkit/bench/bench-world.js';
import { BUTTON_SEAL_SECRET, trunkbotSpec } from '../../devkit/bench/bot-specs.js';
import { SANDBOX_BOT_TOKEN } from '../../devkit/sandbox/slack-stand-in.js';
import { perCallQueries } from '../../devkit/bench/per-call-queries.js';
import { seedTrunks } from '../../devkit/sandbox/seed-trunks.js';
import { buttonSealSecretOf, loadConfig } from '../../src/config.js';
import { createButtonSeal } from '../../src/trunks/button-seal.js';
import { decodePageState } from '../../src/trunks/page-state.js';
import { parseQuery } from '../../src/trunks/parse-query.js';

describe("the floor's query reading", () => {
  it('turns direction, name words and page into the vendor body', () => {
    expect(floorVendorBody('outgoing acme page:3')).toEqual({
      current: 3,
      size: 10,
      params: { type: 1, sipTrunkName: 'acme' },
    });
    expect(floorVendorBody('')).toEqual({ current: 1, size: 10, params: {} });
    expect(floorVendorBody(' incoming  umbrella corp ')).toEqual({
      current: 1,
      size: 10,
      params: { type: 2, sipTrunkName: 'umbrella corp' },
    });
  });

  it('answers "N trunks", and only a positive N counts as an answer', () => {
    expect(floorReplyText(12)).toBe('12 trunks');
    expect(isFloorReply('12 trunks')).toBe(true);
    expect(isFloorReply('0 trunks')).toBe(false);
    expect(isFloorReply('NaN trunks')).toBe(false);
    expect(isFloorReply(undefined)).toBe(false);
  });
});

describe('the per-call queries', () => {
  const trunks = seedTrunks();
  const queries = perCallQueries(trunks, 'secret');

  it('are distinct, and trunkbot reads each to the body the floor sends', () => {
    expect(queries.length).toBeGreaterThan(20);
    expect(new Set(queries.map((q) => q.text)).size).toBe(queries.length);
    for (const q of queries) {
      const parsed = parseQuery(q.text);
      if (parsed.kind !== 'query') throw new Error(`${q.text} is not a query`);
      const { page, type, name } = parsed.request;
      expect({
        current: page,
        size: 10,
        params: { ...(type && { type }), ...(name && { sipTrunkName: name }) },
      }).toEqual(q.body);
    }
  });

  it('each ask for a full page that has a next one', () => {
    for (const q of queries) {
      const needle = q.body.params.sipTrunkName ?? '';
      const matching = trunks.filter(
        (t) =>
          (q.body.params.type === undefined || t.type === q.body.params.type) &&
          t.sipTrunkName.toLowerCase().includes(needle),
      ).length;
      expect(matching).toBeGreaterThan(q.body.current * 10);
    }
  });

  it('carry a Next › value trunkbot opens to the following page, and the same page as text for the floor', () => {
    const seal = createButtonSeal('secret');
    for (const q of queries.slice(0, 50)) {
      expect(decodePageState(q.next.trunkbot, seal)?.request.page).toBe(q.body.current + 1);
      expect(floorVendorBody(q.next.floor)).toEqual({ ...q.body, current: q.body.current + 1 });
    }
  });
});

describe('the bench and trunkbot', () => {
  it('trunkbot, started with the bench environment, opens the Next › values the bench seals', () => {
    const world = {
      sandbox: { url: 'http://127.0.0.1:1/', apiKey: 'bench-key', apiSecret: 'bench-api-secret' },
      slack: { botToken: SANDBOX_BOT_TOKEN, apiUrl: 'http://127.0.0.1:2/api/' },
    } as unknown as BenchWorld;
    const config = loadConfig(trunkbotSpec(world, {}).env);
    const [query] = perCallQueries(seedTrunks(), BUTTON_SEAL_SECRET);
    const trunkbotSeal = createButtonSeal(buttonSealSecretOf(config));
    expect(decodePageState(query!.next.trunkbot, trunkbotSeal)?.request.page).toBe(query!.body.current + 1);
  });
});
