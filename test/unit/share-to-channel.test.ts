import type { ViewResponseAction } from '@slack/bolt';
import { shareToChannelSubmission } from '../../src/listeners/views/share-to-channel-submission.js';
import type { SourcedPage } from '../../src/resilience/trunk-source.js';
import { SHARE_FORM } from '../../src/trunks/action-ids.js';
import type { SlackMessage } from '../../src/trunks/message.js';
import { withShareNote } from '../../src/trunks/render-share-note.js';
import { readShareForm } from '../../src/trunks/share-form.js';
import { encodeTrunkRef } from '../../src/trunks/trunk-ref.js';
import { fakeDeps, fakeTrunks, recorder } from '../support/fake-bolt.js';
import { aPage, aTrunk } from '../support/trunks.js';
import { until } from '../support/until.js';

const values = (channel: string | null, note: string | null = null) => ({
  [SHARE_FORM.channelBlock]: {
    [SHARE_FORM.channelAction]: { type: 'conversations_select', selected_conversation: channel },
  },
  [SHARE_FORM.noteBlock]: { [SHARE_FORM.noteAction]: { type: 'plain_text_input', value: note } },
});

/** ITNIO answering one trunk only once `release` is called. */
function heldTrunks() {
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const slow = fakeTrunks(async (): Promise<SourcedPage> => {
    await gate;
    return { ...aPage([aTrunk()]), latencyMs: 5, fetchedAt: Date.now() };
  });
  return { slow, release: () => release() };
}
describe('readShareForm', () => {
  test('reads the picked channel and a trimmed note; an empty note is no note', () => {
    expect(readShareForm(values('C0INC', '  look  '))).toEqual({ ok: true, channel: 'C0INC', note: 'look' });
    expect(readShareForm(values('G0PRIVATE', '   '))).toEqual({ ok: true, channel: 'G0PRIVATE' });
  });

  test('names the field that is wrong: no channel, or a note past 500 characters (an emoji counts once)', () => {
    expect(readShareForm(values(null))).toEqual({
      ok: false,
      errors: { [SHARE_FORM.channelBlock]: expect.stringMatching(/Pick the channel/) },
    });
    expect(readShareForm({})).toMatchObject({ ok: false });
    expect(readShareForm(values('C0INC', '🔥'.repeat(500)))).toMatchObject({ ok: true });
    expect(readShareForm(values('C0INC', 'x'.repeat(501)))).toEqual({
      ok: false,
      errors: { [SHARE_FORM.noteBlock]: expect.stringMatching(/500 characters/) },
    });
  });
});

describe('withShareNote', () => {
  const message: SlackMessage = {
    text: 'Trunk 5000028: 1 trunk, shared by <@U1>',
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: 'Trunk 5000028' } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: '1 trunk · shared by <@U1>' }] },
      { type: 'section', text: { type: 'mrkdwn', text: 'card' } },
    ],
  };

  test('puts the escaped note under the "shared by" line and in the notification text', () => {
    const shared = withShareNote(message, '<!channel> *look* & see');
    expect(shared.blocks.map((b) => b.type)).toEqual(['header', 'context', 'section', 'section']);
    expect(JSON.stringify(shared.blocks[2])).toContain('&lt;!channel&gt; *look* &amp; see');
    expect(shared.text).toContain('Note: &lt;!channel&gt; *look* &amp; see');
    expect(JSON.stringify(shared)).not.toContain('<!channel>');
  });

  test('leaves the message as it is without a note', () => {
    expect(withShareNote(message, undefined)).toBe(message);
  });
});

describe('the Share trunk to a channel submission', () => {
  type Ack = ViewResponseAction | undefined;

  function submission(options: { privateMetadata: string; channel: string; note?: string; trigger?: string }) {
    const ack = recorder<Ack>();
    const update = recorder<{ view_id: string; view: { blocks: unknown[] } }>();
    const posted = recorder<{ channel: string; text: string }>();
    const client = { chat: { postMessage: posted }, views: { update } };
    const args = {
      ack,
      client,
      body: {
        type: 'view_submission',
        user: { id: 'U1', team_id: 'T1' },
        team: { id: 'T1' },
        trigger_id: options.trigger ?? `trig-${Math.random()}`,
      },
      view: {
        id: 'V0FORM',
        private_metadata: options.privateMetadata,
        state: { values: values(options.channel, options.note ?? null) },
      },
    };
    return { ack, update, posted, client, args: args as never };
  }

  test('a post Slack refuses is answered under the channel field; an archived channel says to pick another', async () => {
    const { deps, audits } = fakeDeps();
    const ref = encodeTrunkRef({ id: '5000028', channel: 'C0ALERTS' }, deps.seal);
    for (const [code, hint] of [
      ['channel_not_found', /\/invite @trunkbot/],
      ['is_archived', /archived\. Pick another one/],
      ['restricted_action', /\(restricted_action\)/],
    ] as const) {
      const s = submission({ privateMetadata: ref, channel: 'C0INC' });
      s.client.chat.postMessage = recorder(() => Object.assign(new Error(code), { data: { error: code } }));
      await shareToChannelSubmission(deps)(s.args);
      expect(s.ack.calls).toEqual([
        { response_action: 'errors', errors: { [SHARE_FORM.channelBlock]: expect.stringMatching(hint) } },
      ]);
    }
    expect(audits().map((a) => a.outcome)).toEqual(['share_failed', 'share_failed', 'share_failed']);
  });

  test('a replayed submission is dropped and its modal closed', async () => {
    const { deps, audits } = fakeDeps();
    const ref = encodeTrunkRef({ id: '5000028', channel: 'C0ALERTS' }, deps.seal);
    const first = submission({ privateMetadata: ref, channel: 'C0INC', trigger: 'trig-once' });
    await shareToChannelSubmission(deps)(first.args);
    const replay = submission({ privateMetadata: ref, channel: 'C0INC', trigger: 'trig-once' });
    await shareToChannelSubmission(deps)(replay.args);
    expect(first.ack.calls).toEqual([{ response_action: 'clear' }]);
    expect(first.posted.calls).toEqual([expect.objectContaining({ channel: 'C0INC' })]);
    expect(replay.ack.calls).toEqual([undefined]);
    expect(replay.posted.calls).toHaveLength(0);
    expect(audits().map((a) => a.outcome)).toEqual(['shared_via_chat.postMessage', 'replay_ignored']);
  });

  test('an answer slower than Slack waits for: the modal says it is sharing, then shows the result', async () => {
    const { slow, release } = heldTrunks();
    const { deps, audits } = fakeDeps({ trunks: slow.source });
    const ref = encodeTrunkRef({ id: '5000028', channel: 'C0ALERTS' }, deps.seal);
    const s = submission({ privateMetadata: ref, channel: 'C0INC', note: 'look' });
    const handled = shareToChannelSubmission(deps, { answerWithinMs: 10 })(s.args);
    await until(() => s.ack.calls.length > 0, { what: 'the modal to be acked while ITNIO is still answering' });
    expect(s.ack.calls).toEqual([{ response_action: 'update', view: expect.anything() }]);
    expect(JSON.stringify(s.ack.calls[0])).toContain('Sharing…');
    release();
    await handled;
    expect(s.posted.calls).toEqual([expect.objectContaining({ channel: 'C0INC' })]);
    expect(s.update.calls).toEqual([{ view_id: 'V0FORM', view: expect.anything() }]);
    expect(JSON.stringify(s.update.calls[0])).toContain('Shared in <#C0INC>');
    // The ack was the pending view alone: Slack takes one answer per submission.
    expect(s.ack.calls).toHaveLength(1);
    expect(audits()[0]).toMatchObject({ outcome: 'shared_via_chat.postMessage', fromChannel: 'C0ALERTS' });
  });

  test('a slow answer that cannot be posted says why in the modal, the form being gone', async () => {
    const { slow, release } = heldTrunks();
    const { deps } = fakeDeps({ trunks: slow.source });
    const ref = encodeTrunkRef({ id: '5000028', channel: 'C0ALERTS' }, deps.seal);
    const s = submission({ privateMetadata: ref, channel: 'C0INC' });
    s.client.chat.postMessage = recorder(() =>
      Object.assign(new Error('not_in_channel'), { data: { error: 'not_in_channel' } }),
    );
    const handled = shareToChannelSubmission(deps, { answerWithinMs: 10 })(s.args);
    await until(() => s.ack.calls.length > 0, { what: 'the pending view' });
    release();
    await handled;
    expect(s.ack.calls).toHaveLength(1);
    expect(JSON.stringify(s.update.calls)).toContain('/invite @trunkbot');
  });
});
