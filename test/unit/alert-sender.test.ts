import type { webApi } from '@slack/bolt';
import { createAlertSender } from '../../src/watch/alert-sender.js';

/** A WebClient stand-in that records when each call came and answers from a script. */
function fakeClient(script: (method: string, n: number) => unknown = () => ({ ts: '1.1' })) {
  const calls: { method: string; channel: unknown; at: number }[] = [];
  const call = (method: string) => async (args: { channel: unknown }) => {
    calls.push({ method, channel: args.channel, at: performance.now() });
    const answer = script(method, calls.length);
    if (answer instanceof Error) throw answer;
    return answer;
  };
  const client = { chat: { postMessage: call('postMessage'), update: call('update') } } as unknown as webApi.WebClient;
  return { client, calls };
}

const message = { text: 'hi', blocks: [] };
const slackError = (error: string) => Object.assign(new Error(error), { data: { ok: false, error } });
const rateLimited = (retryAfter: number) =>
  Object.assign(new Error('rate limited'), { code: 'slack_webapi_rate_limited_error', retryAfter });

describe('createAlertSender', () => {
  it('spaces messages to one channel but not messages to different channels', async () => {
    const { client, calls } = fakeClient();
    const sender = createAlertSender({ client, spacingMs: 150 });
    await sender.post('C1', message);
    await sender.post('C2', message);
    await sender.post('C1', message);
    const [first, other, again] = calls;
    expect(other!.at - first!.at).toBeLessThan(100);
    expect(again!.at - first!.at).toBeGreaterThanOrEqual(145);
  });

  it('waits out a 429’s Retry-After and tries again', async () => {
    const { client, calls } = fakeClient((_, n) => (n === 1 ? rateLimited(0.2) : { ts: '9.9' }));
    const sent = await createAlertSender({ client }).post('C1', message);
    expect(sent).toEqual({ ok: true, ts: '9.9' });
    expect(calls).toHaveLength(2);
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(195);
  });

  it('gives up on a Retry-After longer than it will wait, and after three attempts', async () => {
    const long = fakeClient(() => rateLimited(600));
    expect(await createAlertSender({ client: long.client }).post('C1', message)).toEqual({
      ok: false,
      error: 'ratelimited',
      gone: false,
    });
    expect(long.calls).toHaveLength(1);
    const always = fakeClient(() => rateLimited(0));
    await createAlertSender({ client: always.client }).update('C1', '1.1', message);
    expect(always.calls).toHaveLength(3);
  });

  it('says which refusals mean the channel is gone for good', async () => {
    for (const [error, gone] of [
      ['is_archived', true],
      ['not_in_channel', true],
      ['channel_not_found', true],
      ['msg_too_long', false],
    ] as const) {
      const { client } = fakeClient(() => slackError(error));
      expect(await createAlertSender({ client }).post('C1', message)).toEqual({ ok: false, error, gone });
    }
  });
});
