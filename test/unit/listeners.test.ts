import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { pageButton } from '../../src/listeners/actions/page-button.js';
import { shareButton } from '../../src/listeners/actions/share-button.js';
import { trunksCommand } from '../../src/listeners/commands/trunks-command.js';
import { appMention } from '../../src/listeners/events/app-mention.js';
import { ACTION } from '../../src/trunks/action-ids.js';
import { decodePageState, encodePageState } from '../../src/trunks/page-state.js';
import { ItnioError } from '../../src/itnio/errors.js';
import { fakeDeps, fakeTrunks, recorder } from '../support/fake-bolt.js';

type Button = { action_id?: string; value?: string; text?: { text?: string } };

/** The buttons of a message's actions blocks. */
const buttonsIn = (message: Msg | undefined): Button[] =>
  (message?.blocks ?? []).flatMap((b) => (b.type === 'actions' ? (b.elements ?? []) : []));

type Msg = {
  blocks?: { type: string; elements?: Button[] }[];
  text?: string;
  response_type?: string;
  replace_original?: boolean;
  delete_original?: boolean;
  channel?: string;
  thread_ts?: string;
};

const commandArgs = (text: string, extra: Record<string, unknown> = {}) => {
  const ack = recorder();
  const respond = recorder<Msg>();
  const command = {
    text,
    user_id: 'U1',
    channel_id: 'C1',
    team_id: 'T1',
    trigger_id: `trig-${text}`,
    command: '/trunks',
    ...extra,
  };
  return { ack, respond, args: { ack, respond, command } as unknown as SlackCommandMiddlewareArgs & AllMiddlewareArgs };
};

describe('/trunks listener', () => {
  test('acks before anything else, answers privately and audits what was shown', async () => {
    const { deps, audits, queries } = fakeDeps();
    const order: string[] = [];
    const { args, respond } = commandArgs('outgoing acme');
    Object.assign(args, {
      ack: async () => {
        order.push('ack');
      },
      respond: async (m: Msg) => {
        order.push('respond');
        return respond(m);
      },
    });
    await trunksCommand(deps)(args);
    expect(order).toEqual(['ack', 'respond']);
    expect(respond.calls[0]).toMatchObject({ response_type: 'ephemeral' });
    // Answered from the snapshot of every trunk: one unfiltered vendor page at the vendor's maximum size.
    expect(queries).toEqual([expect.objectContaining({ page: 1, size: 100, filter: {} })]);
    expect(audits()).toEqual([
      expect.objectContaining({
        surface: 'command',
        user: 'U1',
        outcome: 'ok',
        filters: { type: 1, name: 'acme' },
        resultCount: 1,
      }),
    ]);
  });

  test('a typo gets the usage privately and never reaches ITNIO', async () => {
    const { deps, audits, queries } = fakeDeps();
    const { args, respond } = commandArgs('outgoign');
    await trunksCommand(deps)(args);
    expect(queries).toHaveLength(0);
    expect(respond.calls[0]?.text).toMatch(/Did you mean `outgoing`/);
    expect(audits()[0]).toMatchObject({ outcome: 'invalid_input', input: 'outgoign' });
  });

  test('a replayed trigger_id is handled once', async () => {
    const { deps, audits, queries } = fakeDeps();
    await trunksCommand(deps)(commandArgs('acme').args);
    const replay = commandArgs('acme');
    await trunksCommand(deps)(replay.args);
    expect(queries).toHaveLength(1);
    expect(replay.respond.calls).toHaveLength(0);
    expect(audits().map((a) => a.outcome)).toEqual(['ok', 'replay_ignored']);
  });

  test('a refused reply is still audited, with the query it answered', async () => {
    const { deps, audits } = fakeDeps();
    const { args } = commandArgs('acme');
    Object.assign(args, {
      respond: recorder(() => Object.assign(new Error('expired_url'), { code: 'slack_webapi_platform_error' })),
    });
    await trunksCommand(deps)(args);
    expect(audits()[0]).toMatchObject({ outcome: 'ok', replyFailed: true, filters: { name: 'acme' } });
  });

  test('a bug while answering is an `error` outcome logged with its stack, and the user hears something went wrong', async () => {
    const broken = fakeTrunks(async () => {
      throw new TypeError('records is not iterable');
    });
    const { deps, audits } = fakeDeps({ trunks: broken.source });
    const { args, respond } = commandArgs('acme');
    await trunksCommand(deps)(args);
    expect(respond.calls[0]?.text).toMatch(/Something went wrong/);
    const [line] = audits();
    expect(line).toMatchObject({ outcome: 'error', level: 'error' });
    expect(JSON.stringify(line)).toContain('records is not iterable');
  });

  test('a failed answer offers ↻ Retry, sealed with the same filters and page', async () => {
    const down = fakeTrunks(async () => {
      throw new ItnioError('itnio_timeout', 'timed out');
    });
    const { deps } = fakeDeps({ trunks: down.source });
    const { args, respond } = commandArgs('page:2 outgoing acme');
    await trunksCommand(deps)(args);
    const [retry, ...others] = buttonsIn(respond.calls[0]);
    expect(others).toEqual([]);
    expect(retry).toMatchObject({ action_id: ACTION.retry, text: { text: '↻ Retry' } });
    expect(decodePageState(retry?.value, deps.seal)).toEqual({ request: { page: 2, type: 1, name: 'acme' } });
  });

  test('a bug before the request is read gets the apology without a Retry', async () => {
    const { deps, audits } = fakeDeps();
    deps.identity = {
      ...deps.identity,
      resolve: async () => {
        throw new TypeError('identity broke');
      },
    };
    const { args, respond } = commandArgs('acme');
    await trunksCommand(deps)(args);
    expect(respond.calls[0]?.text).toMatch(/Something went wrong/);
    expect(buttonsIn(respond.calls[0])).toEqual([]);
    expect(audits()[0]).toMatchObject({ outcome: 'error' });
  });
});

describe('mention listener', () => {
  const mention = (text: string, eventId: string) => {
    const postMessage = recorder<Msg>();
    const postEphemeral = recorder<Msg>();
    const args = {
      event: { type: 'app_mention', text, user: 'U1', channel: 'C1', ts: '1.000', user_team: 'T1' },
      body: { event_id: eventId, team_id: 'T1' },
      client: { chat: { postMessage, postEphemeral } },
      context: { botUserId: 'UBOT' },
    };
    return { postMessage, postEphemeral, args: args as unknown as Parameters<ReturnType<typeof appMention>>[0] };
  };

  test('answers in the thread, once per event id', async () => {
    const { deps, audits } = fakeDeps();
    const first = mention('<@UBOT> outgoing', 'Ev1');
    await appMention(deps)(first.args);
    const retry = mention('<@UBOT> outgoing', 'Ev1');
    await appMention(deps)(retry.args);
    expect(first.postMessage.calls).toEqual([expect.objectContaining({ channel: 'C1', thread_ts: '1.000' })]);
    expect(retry.postMessage.calls).toHaveLength(0);
    expect(audits().map((a) => a.outcome)).toEqual(['ok', 'duplicate_event']);
  });

  test('help is whispered, not posted to the thread', async () => {
    const { deps } = fakeDeps();
    const m = mention('<@UBOT>', 'Ev2');
    await appMention(deps)(m.args);
    expect(m.postMessage.calls).toHaveLength(0);
    expect(m.postEphemeral.calls[0]).toMatchObject({ user: 'U1', thread_ts: '1.000' });
  });
});

describe('button listeners', () => {
  const click = (actionId: string, value: string, opts: { ephemeral?: boolean; trigger?: string } = {}) => {
    const respond = recorder<Msg>();
    const postMessage = recorder<Msg>();
    const args = {
      ack: recorder(),
      respond,
      client: { chat: { postMessage } },
      action: { type: 'button', action_id: actionId, value },
      body: {
        type: 'block_actions',
        trigger_id: opts.trigger ?? `trig-${Math.random()}`,
        user: { id: 'U1', team_id: 'T1' },
        channel: { id: 'C1' },
        container: { type: 'message', message_ts: '9.000', is_ephemeral: opts.ephemeral ?? true },
      },
    };
    return { respond, postMessage, args: args as never };
  };

  test('Next replaces the page in place with the page the sealed value names', async () => {
    const { deps, queries, audits } = fakeDeps();
    const { args, respond } = click(ACTION.next, encodePageState({ request: { page: 2, name: 'acme' } }, deps.seal));
    await pageButton(deps)(args);
    expect(queries).toHaveLength(1);
    expect(respond.calls[0]).toMatchObject({ replace_original: true });
    expect(respond.calls[0]?.text).toMatch(/page 2 of 1/);
    expect(audits()[0]).toMatchObject({ surface: 'button', outcome: 'ok', page: 2 });
  });

  test('Refresh asks for a fresh page', async () => {
    const { deps, queries } = fakeDeps();
    await pageButton(deps)(click(ACTION.refresh, encodePageState({ request: { page: 1 } }, deps.seal)).args);
    expect(queries[0]?.fresh).toBe(true);
  });

  test('a tampered value is refused privately and never reaches ITNIO', async () => {
    const { deps, queries, audits } = fakeDeps();
    const sealed = encodePageState({ request: { page: 2 } }, deps.seal);
    const { args, respond } = click(ACTION.next, sealed.replace('v2;2;', 'v2;3;'));
    await pageButton(deps)(args);
    expect(queries).toHaveLength(0);
    expect(respond.calls[0]).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(audits()[0]).toMatchObject({ outcome: 'invalid_button' });
  });

  test('Share posts once for a double click and removes the private copy', async () => {
    const { deps, audits } = fakeDeps();
    const value = encodePageState({ request: { page: 1 } }, deps.seal);
    const first = click(ACTION.share, value);
    const second = click(ACTION.share, value);
    await Promise.all([shareButton(deps)(first.args), shareButton(deps)(second.args)]);
    expect([...first.postMessage.calls, ...second.postMessage.calls]).toEqual([
      expect.objectContaining({ channel: 'C1', text: expect.any(String) }),
    ]);
    expect(
      audits()
        .map((a) => a.outcome)
        .sort(),
    ).toEqual(['duplicate_share', 'shared_via_chat.postMessage']);
    expect([...first.respond.calls, ...second.respond.calls]).toContainEqual({ delete_original: true });
  });

  test('a failed share frees the click so it can be retried', async () => {
    const { deps, audits } = fakeDeps();
    const value = encodePageState({ request: { page: 1 } }, deps.seal);
    const refused = click(ACTION.share, value);
    Object.assign(refused.args, {
      client: { chat: { postMessage: recorder(() => new Error('not_in_channel')) } },
      respond: recorder(() => new Error('expired_url')),
    });
    await shareButton(deps)(refused.args);
    const retry = click(ACTION.share, value);
    await shareButton(deps)(retry.args);
    expect(audits().map((a) => a.outcome)).toEqual(['share_failed', 'shared_via_chat.postMessage']);
  });
});
