import { readdirSync, readFileSync } from 'node:fs';
import { stripVTControlCharacters } from 'node:util';
import { buttonsOf, renderMessage, renderModal, renderMrkdwn } from '../../devkit/console/render-terminal.js';

const plain = { color: false, timeZone: 'UTC' };
const colour = { color: true, timeZone: 'UTC' };

describe('renderMrkdwn', () => {
  test('turns Slack markup into readable text', () => {
    expect(renderMrkdwn('*bold* `10.0.0.1` &lt;!channel&gt; &amp; <@U123>', plain)).toBe(
      'bold 10.0.0.1 <!channel> & @U123',
    );
  });

  test('shows channel links by name, or by id when Slack gives none', () => {
    expect(renderMrkdwn('watched in <#C0NOC|noc> and <#C0INCIDENT>', plain)).toBe('watched in #noc and #C0INCIDENT');
  });

  test('formats date tokens in the reader’s zone', () => {
    expect(renderMrkdwn('as of <!date^1795788192^{date_short_pretty} {time_secs}|fallback>', plain)).toBe(
      'as of 2026-11-27 14:03:12',
    );
    expect(
      renderMrkdwn('<!date^1795788192^{date_short_pretty} {time}|x>', { color: false, timeZone: 'Asia/Shanghai' }),
    ).toBe('2026-11-27 22:03');
  });

  test('status emoji become words without colour and coloured dots with it', () => {
    expect(renderMrkdwn(':large_green_circle: :red_circle: :white_circle: :tada: :constructor:', plain)).toBe(
      '[UP] [DOWN] [?] :tada: :constructor:',
    );
    expect(renderMrkdwn(':red_circle:', colour)).toBe('\u001b[31m●\u001b[39m');
  });

  test('every emoji code the bot writes shows as a symbol, with or without colour', () => {
    const src = new URL('../../src/', import.meta.url);
    const codes = new Set<string>();
    for (const file of readdirSync(src, { recursive: true, encoding: 'utf8' })) {
      if (!file.endsWith('.ts')) continue;
      // Codes stand alone (`:warning: …`, or after a `\n` in a string); `HH:mm:ss` and `2001:db8::` do not.
      for (const [, code] of readFileSync(new URL(file, src), 'utf8').matchAll(
        /(?:^|(?<=\\n)|(?<![\w:])):([a-z][a-z0-9_+-]*):(?![\w:])/g,
      )) {
        codes.add(code!);
      }
    }
    expect([...codes]).toEqual(expect.arrayContaining(['no_entry', 'warning', 'red_circle']));
    for (const code of codes) {
      for (const style of [plain, colour]) {
        const shown = stripVTControlCharacters(renderMrkdwn(`:${code}: x`, style));
        expect({ code, shown }).toEqual({ code, shown: expect.not.stringContaining(`:${code}:`) });
      }
    }
    expect(renderMrkdwn(':no_entry: Not allowed :hourglass_flowing_sand:', plain)).toBe('⛔ Not allowed ⏳');
    expect(renderMrkdwn(':white_check_mark: done', colour)).toBe('✅ done');
  });

  test('italics lose their underscores, and words with underscores stay whole', () => {
    expect(renderMrkdwn('Prefix _none_ · acme_5000001 · _a b_.', plain)).toBe('Prefix none · acme_5000001 · a b.');
    expect(renderMrkdwn('_none_', colour)).toBe('\u001b[3mnone\u001b[23m');
  });

  test('control characters in data cannot reach the terminal, while our own colours still do', () => {
    expect(renderMrkdwn('evil\u001b[2Jname\u0007 *x*', plain)).toBe('evil[2Jname x');
    expect(renderMrkdwn('\u001b]0;title\u0007 *x*', colour)).toBe(']0;title \u001b[1mx\u001b[22m');
  });

  test('links show label and address', () => {
    expect(renderMrkdwn('<https://example.com|docs>', plain)).toBe('docs (https://example.com)');
  });
});

describe('renderMessage', () => {
  const message = {
    text: 'fallback',
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: 'Outgoing trunks' } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: '3 trunks · page 1 of 1' }] },
      { type: 'section', text: { type: 'mrkdwn', text: 'line one\nline two' } },
      { type: 'divider' },
      {
        type: 'actions',
        elements: [
          { type: 'button', action_id: 'a', text: { type: 'plain_text', text: 'Next ›' }, value: '{"p":2}' },
          { type: 'button', action_id: 'b', text: { type: 'plain_text', text: 'Share' }, value: '{"p":1}' },
        ],
      },
    ],
  };

  test('renders blocks in order with numbered buttons', () => {
    expect(renderMessage(message, plain)).toEqual([
      'Outgoing trunks',
      '3 trunks · page 1 of 1',
      'line one',
      'line two',
      '─'.repeat(60),
      '[1] Next ›   [2] Share',
    ]);
  });

  test('lists buttons with their action and value', () => {
    expect(buttonsOf(message)).toEqual([
      { number: 1, label: 'Next ›', actionId: 'a', value: '{"p":2}' },
      { number: 2, label: 'Share', actionId: 'b', value: '{"p":1}' },
    ]);
  });

  test('with colour, the same lines carry styling: the header bold and underlined, buttons bold magenta', () => {
    const lines = renderMessage(message, colour);
    expect(lines.map(stripVTControlCharacters)).toEqual(renderMessage(message, plain));
    expect(lines[0]).toBe('\u001b[1m\u001b[4mOutgoing trunks\u001b[24m\u001b[22m');
    expect(lines.at(-1)).toBe(
      '\u001b[1m\u001b[35m[1] Next ›\u001b[39m\u001b[22m   \u001b[1m\u001b[35m[2] Share\u001b[39m\u001b[22m',
    );
  });

  test('a message without blocks shows its text', () => {
    expect(renderMessage({ text: 'just *text*' }, plain)).toEqual(['just text']);
  });
});

describe('renderModal', () => {
  const button = (action_id: string, text: string) => ({
    type: 'button',
    action_id,
    text: { type: 'plain_text', text },
    value: action_id,
  });
  const modal = {
    title: { type: 'plain_text', text: 'Trunks in message' },
    close: { type: 'plain_text', text: 'Done' },
    blocks: [
      {
        type: 'section',
        block_id: 'hit-1',
        text: { type: 'mrkdwn', text: '*acme-out-01* :red_circle:' },
        accessory: button('open_1', 'Open'),
      },
      { type: 'input', label: { type: 'plain_text', text: 'Search' }, element: { type: 'plain_text_input' } },
      { type: 'actions', block_id: 'more', elements: [button('all', 'Show all'), button('share', 'Share')] },
    ],
  };

  test('shows the title, the blocks with buttons numbered across accessories and actions, and how to close', () => {
    expect(renderModal(modal, plain)).toEqual([
      'Trunks in message',
      'acme-out-01 [DOWN]',
      '[1] Open',
      'Search: [text field]',
      '[2] Show all   [3] Share',
      '[Done] type close to dismiss the modal',
    ]);
  });

  test('numbers the modal’s buttons the way they are drawn, with their block ids', () => {
    expect(buttonsOf(modal)).toEqual([
      { number: 1, label: 'Open', actionId: 'open_1', value: 'open_1', blockId: 'hit-1' },
      { number: 2, label: 'Show all', actionId: 'all', value: 'all', blockId: 'more' },
      { number: 3, label: 'Share', actionId: 'share', value: 'share', blockId: 'more' },
    ]);
  });

  test('a modal without blocks or close label still says what it is and how to leave', () => {
    expect(renderModal({ title: { type: 'plain_text', text: 'Working…' } }, plain)).toEqual([
      'Working…',
      '[Close] type close to dismiss the modal',
    ]);
  });
});
