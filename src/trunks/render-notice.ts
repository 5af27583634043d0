import type { SlackMessage } from './message.js';
import { escapeClip } from './slack-text.js';

/** Where the user typed, so examples show the form they would use. */
export type Surface = 'command' | 'mention';

function examples(surface: Surface): string[] {
  const p = surface === 'command' ? '/trunks' : '@trunkbot';
  return [
    `\`${p}\` — all SIP trunks`,
    `\`${p} outgoing acme\` — outgoing trunks whose name contains “acme”`,
    `\`${p} in name:"globex eu"\` — incoming trunks, a name with spaces`,
    `\`${p} type:1 page:2\` — page 2 of the outgoing trunks`,
  ];
}

const GRAMMAR =
  '*Direction:* `outgoing`/`out`/`type:1` or `incoming`/`in`/`type:2`   *Name:* `name:acme`, `name:"two words"` or plain words (part of the name is enough, any case)   *Page:* `page:N`';

const MAX_PROBLEMS_SHOWN = 5;

/** How to use the bot; with `problems`, a correction that names what was wrong first (the first few, then a count). */
export function renderUsage(surface: Surface, problems: string[] = []): SlackMessage {
  const shown = problems.slice(0, MAX_PROBLEMS_SHOWN).map((p) => escapeClip(p, 400));
  const more = problems.length - shown.length;
  const listed = more > 0 ? [...shown, `… and ${more} more ${more === 1 ? 'problem' : 'problems'}`] : shown;
  const intro =
    listed.length > 0
      ? `:warning: ${listed.join('\n:warning: ')}`
      : '*trunkbot* lists the company’s SIP trunks from ITNIO.';
  return {
    text: listed.length > 0 ? `trunkbot couldn’t read that: ${listed.join(' ')}` : 'How to use trunkbot',
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: intro } },
      { type: 'section', text: { type: 'mrkdwn', text: `${GRAMMAR}\n\n*Examples*\n${examples(surface).join('\n')}` } },
      {
        type: 'context',
        elements: [
          {
            type: 'mrkdwn',
            text: 'Results are only visible to you until you press *Share*. SIP passwords are never shown.',
          },
        ],
      },
    ],
  };
}

/** A notice written by the bot or its operator (it may link channels or people on purpose); not escaped. */
export function renderNotice(mrkdwn: string): SlackMessage {
  return { text: mrkdwn, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: `:no_entry: ${mrkdwn}` } }] };
}

/** A failure the user can act on, as a single warning section; the text is escaped. */
export function renderProblem(text: string): SlackMessage {
  const escaped = escapeClip(text, 2_000) || 'Something went wrong.';
  return {
    text: escaped,
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: `:warning: ${escaped}` } }],
  };
}

/** How far collecting every trunk from ITNIO has come, while the user waits. */
export function renderProgress(collected: number, total: number): SlackMessage {
  const text = `:hourglass_flowing_sand: Collecting ${collected.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} trunks from ITNIO…`;
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}

/** A button whose sealed value is out of date or was tampered with. */
export function renderStaleButton(): SlackMessage {
  return renderProblem(
    'That button is out of date or was changed, so I did not run it. Run `/trunks` again to get fresh results.',
  );
}

/** Share failed because the bot may not post in the channel. */
export function renderCannotPost(): SlackMessage {
  return renderProblem(
    'I couldn’t post in this channel. Invite me with `/invite @trunkbot` (private channels and DMs need that), then press *Share* again.',
  );
}
