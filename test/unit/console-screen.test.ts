import { ConsoleScreen } from '../../devkit/console/console-screen.js';
import type { ApiCall } from '../../devkit/sandbox/slack-stand-in.js';

let out: string[];
let screen: ConsoleScreen;

beforeEach(() => {
  out = [];
  screen = new ConsoleScreen({
    write: (line) => out.push(line),
    style: { color: false, timeZone: 'UTC' },
    userId: 'U0SUPPORT1',
    channelId: 'C0INCIDENT',
    channelName: 'incident-123',
  });
});

/** Shows one Web API call and returns what the screen printed for it. */
function show(call: Partial<ApiCall> & Pick<ApiCall, 'method'>): string {
  const from = out.length;
  screen.show({ kind: 'call', call: { args: {}, ok: true, at: 0, ...call } });
  return out.slice(from).join('\n');
}

const alert = (text: string) => [{ type: 'section', text: { type: 'mrkdwn', text } }];

describe('ConsoleScreen', () => {
  test('an edit of a posted message shows as edited, with the message as Slack now holds it', () => {
    const posted = show({
      method: 'chat.postMessage',
      ts: '1.000100',
      args: { channel: 'C0INCIDENT', text: 'Gateway down', blocks: alert(':red_circle: Gateway down: acme-out-01') },
    });
    expect(posted).toContain('── #incident-123 · visible to everyone');
    expect(posted).toContain('[DOWN] Gateway down: acme-out-01');

    const edited = show({
      method: 'chat.update',
      ts: '1.000100',
      args: { channel: 'C0INCIDENT', ts: '1.000100', blocks: alert(':large_green_circle: Recovered: acme-out-01') },
    });
    expect(edited).toMatch(/^\n── #incident-123 · edited ─+$/m);
    expect(edited).toContain('[UP] Recovered: acme-out-01');
    expect(edited).not.toContain('visible to everyone');

    // An edit of the text alone keeps the blocks, as Slack does.
    const textOnly = show({
      method: 'chat.update',
      ts: '1.000100',
      args: { channel: 'C0INCIDENT', text: 'Recovered' },
    });
    expect(textOnly).toContain('[UP] Recovered: acme-out-01');
  });

  test('thread replies, and edits of them, say they are in the thread', () => {
    expect(
      show({
        method: 'chat.postMessage',
        ts: '2.000100',
        args: { channel: 'C0INCIDENT', thread_ts: '1.0', text: 'Back' },
      }),
    ).toContain('── #incident-123 · in thread · visible to everyone');
    expect(show({ method: 'chat.update', ts: '2.000100', args: { channel: 'C0INCIDENT', text: 'Back up' } })).toContain(
      '── #incident-123 · in thread · edited',
    );
  });

  test('an edit of a message it never saw still shows, as an edit of its new text', () => {
    const edited = show({ method: 'chat.update', ts: '9.000100', args: { channel: 'C0INCIDENT', text: 'Recovered' } });
    expect(edited).toContain('── #incident-123 · edited');
    expect(edited).toContain('Recovered');
  });

  test('an ephemeral post says who sees it, and where', () => {
    expect(
      show({
        method: 'chat.postEphemeral',
        args: { channel: 'C0INCIDENT', user: 'U0SUPPORT1', thread_ts: '1.0', text: ':no_entry: Not allowed' },
      }),
    ).toBe('\n── #incident-123 · in thread · only visible to you ─────────\n⛔ Not allowed');
    expect(
      show({ method: 'chat.postEphemeral', args: { channel: 'C0INCIDENT', user: 'U0OTHER', text: 'hi' } }),
    ).toContain('── #incident-123 · only visible to @U0OTHER');
  });

  test('posts in another channel name its id', () => {
    expect(show({ method: 'chat.postMessage', ts: '3.0', args: { channel: 'C0ALERTS', text: 'x' } })).toContain(
      '── #C0ALERTS · visible to everyone',
    );
  });

  test('a refusal says why, with the Retry-After of a rate limit', () => {
    expect(show({ method: 'chat.postMessage', ok: false, error: 'ratelimited', retryAfterSeconds: 3 })).toBe(
      '(Slack refused chat.postMessage: ratelimited, retry after 3 s)',
    );
    expect(show({ method: 'chat.update', ok: false, error: 'is_archived' })).toBe(
      '(Slack refused chat.update: is_archived)',
    );
  });

  test('the user’s Home tab shows as such and takes numbers until a message with buttons comes after it', () => {
    const button = (text: string) => ({
      type: 'actions',
      elements: [{ type: 'button', action_id: 'a', text: { type: 'plain_text', text }, value: 'v' }],
    });
    const home = { id: 'V0HOME', type: 'home', blocks: [button('Down (3)')] } as unknown as ApiCall['view'];
    expect(show({ method: 'views.publish', args: { user_id: 'U0SOMEONE' }, view: home })).toBe('');
    expect(screen.target()).toBeUndefined();
    const shown = show({ method: 'views.publish', args: { user_id: 'U0SUPPORT1' }, view: home });
    expect(shown).toContain('── App Home · only visible to you');
    expect(shown).toContain('[1] Down (3)');
    expect(screen.target()).toMatchObject({ kind: 'home', view: { id: 'V0HOME' } });

    const dm = show({
      method: 'chat.postMessage',
      channel: 'D0SUPPORT1',
      args: { channel: 'U0SUPPORT1', text: 'Down', blocks: [button('Next ›')] },
    });
    expect(dm).toContain('── direct message from trunkbot · only you and trunkbot');
    expect(screen.target()).toMatchObject({ kind: 'message', ephemeral: false, channel: 'D0SUPPORT1' });
    show({ method: 'views.publish', args: { user_id: 'U0SUPPORT1' }, view: home });
    expect(screen.target()?.kind).toBe('home');
  });
});

describe('ConsoleScreen: deletions and what stays clickable', () => {
  const withButton = (label: string) => [
    { type: 'section', text: { type: 'mrkdwn', text: label } },
    {
      type: 'actions',
      elements: [{ type: 'button', action_id: 'go', text: { type: 'plain_text', text: label }, value: label }],
    },
  ];

  test('chat.delete says which message went, and its buttons are gone', () => {
    show({ method: 'chat.postMessage', ts: '4.000100', args: { channel: 'C0INCIDENT', blocks: withButton('Open') } });
    expect(screen.target()).toMatchObject({ kind: 'message', ephemeral: false });
    expect(show({ method: 'chat.delete', ts: '4.000100', args: { channel: 'C0INCIDENT', ts: '4.000100' } })).toBe(
      '(trunkbot deleted its message in #incident-123: Open)',
    );
    expect(screen.target()).toBeUndefined();
    expect(show({ method: 'chat.delete', ts: '5.0', args: { channel: 'C0ALERTS', ts: '5.0' } })).toBe(
      '(trunkbot deleted its message in #C0ALERTS)',
    );
  });

  test('an edit that drops the buttons leaves nothing to click', () => {
    show({ method: 'chat.postMessage', ts: '6.0', args: { channel: 'C0INCIDENT', blocks: withButton('Details') } });
    show({ method: 'chat.update', ts: '6.0', args: { channel: 'C0INCIDENT', blocks: alert('Recovered') } });
    expect(screen.target()).toBeUndefined();
  });

  test('delete_original removes the message the response_url was issued for', () => {
    const respond = (id: string, body: Record<string, unknown>): string => {
      const from = out.length;
      screen.show({ kind: 'response', response: { id, body, at: 0 } });
      return out.slice(from).join('\n');
    };
    const channelMessage = { blocks: withButton('Next') };
    screen.clickedFrom('http://127.0.0.1:1/response/r-1', { message: channelMessage, ephemeral: false });
    expect(respond('r-1', { delete_original: true })).toBe('(trunkbot deleted its message in #incident-123: Next)');
    expect(respond('r-2', { delete_original: true })).toBe(
      '(trunkbot removed the message that was only visible to you)',
    );

    const page = { blocks: withButton('Share') };
    expect(respond('r-3', { blocks: page.blocks })).toContain('── only visible to you');
    const target = screen.target();
    expect(target).toMatchObject({ kind: 'message', ephemeral: true });
    screen.clickedFrom('http://127.0.0.1:1/response/r-4', target as { message: object; ephemeral: boolean });
    expect(respond('r-4', { delete_original: true })).toBe(
      '(trunkbot removed the message that was only visible to you)',
    );
    expect(screen.target()).toBeUndefined();
  });
});

describe('ConsoleScreen: replies through a response_url', () => {
  const respond = (id: string, body: Record<string, unknown>): string => {
    const from = out.length;
    screen.show({ kind: 'response', response: { id, body, at: 0 } });
    return out.slice(from).join('\n');
  };

  test('a command’s progress note is replaced in place by its answer', () => {
    expect(respond('cmd-1', { text: ':hourglass_flowing_sand: Collecting 100 of 900 trunks…' })).toMatch(
      /^\n── only visible to you ─+\n⏳ Collecting 100 of 900 trunks…$/,
    );
    expect(respond('cmd-1', { replace_original: true, text: 'Collecting 500 of 900 trunks…' })).toMatch(
      /^\n── updated in place · only visible to you ─+\n/,
    );
    expect(respond('cmd-1', { replace_original: true, text: '900 trunks' })).toMatch(
      /^\n── updated in place · only visible to you ─+\n900 trunks$/,
    );
  });

  test('a replacement through another url does not claim to replace the latest message', () => {
    const next = { type: 'button', action_id: 'next', text: { type: 'plain_text', text: 'Next' }, value: '2' };
    respond('cmd-2', { blocks: [{ type: 'actions', elements: [next] }], text: 'page' });
    expect(screen.target()).toMatchObject({ kind: 'message' });
    expect(respond('cmd-3', { replace_original: true, text: 'elsewhere' })).toMatch(/^\n── only visible to you ─+/);
  });
});
