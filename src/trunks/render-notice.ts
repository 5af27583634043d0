import { type SlackMessage, textMessage } from './message.js';
import { escapeClip, escapeMrkdwn, formatCount, slackDate } from './slack-text.js';

/** Where the user typed, so examples show the form they would use. */
export type Surface = 'command' | 'mention';

// Each example finds trunks in the sandbox data, so a new user trying them sees results.
function examples(surface: Surface): string[] {
  const p = surface === 'command' ? '/trunks' : '@trunkbot';
  return [
    `\`${p}\` — all SIP trunks`,
    `\`${p} outgoing acme\` — outgoing trunks whose name contains “acme”`,
    `\`${p} in globex eu\` — incoming trunks with “globex” and “eu” in the name`,
    `\`${p} down group:"support tier 1"\` — trunks whose gateway is down, bound to that group`,
    `\`${p} 203.0.113.25\` — the trunks with that address`,
    `\`${p} stats outgoing\` — a summary of the outgoing trunks`,
  ];
}

const GRAMMAR = [
  '*Filters* combine in any order: a trunk must match each kind you give.',
  '• *Name:* plain words in any order, or `name:"globex eu"`',
  '• *Direction:* `outgoing`/`out`/`type:1` or `incoming`/`in`/`type:2`',
  '• *Status:* `down`, `up`, `enabled` or `disabled`',
  '• *Address:* `203.0.113.25`, a range `203.0.113.0/24`, IPv6 `2001:db8::/32` (`ip:` is optional)',
  '• *Phone number:* `+44 20 7946 0122`, `020 7946 0122` or `number:+442079460122` (7 digits or more)',
  '• *Trunk ID:* `id:5000004`; a bare `5000004` is tried as an ID and as a number',
  '• *Account, group, prefix:* `account:acme_5000001`, `group:billing`, `group:"support tier 1"`, `prefix:403`',
  '• *Changed:* `changed:30m`, `changed:6h`, `changed:2d`, `changed:1w`, or `since:2025-05-08`, `since:"2025-05-08 14:00"`',
  '• *Summary:* `stats`   *Page:* `page:2` or `page 2`',
  '*A file of every match:* `export acme` (any filters) sends a CSV; so does *Export CSV* on a list',
  '*Alerts in this channel:* `watch acme` (any filters, or `watch all`) · `watching` · `unwatch 2`',
].join('\n');

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

/** A user over the rate limit: when asking ITNIO works again, and what works meanwhile. */
export interface RateLimited {
  limit: number;
  retryAfterSeconds: number;
  /** When the data trunkbot holds was fetched, while it is fresh enough to page and search. */
  dataAsOf?: Date;
}

/** Over the rate limit, which counts only requests that ask ITNIO for new data: what still works, and when the rest does. */
export function renderRateLimited({ limit, retryAfterSeconds, dataAsOf }: RateLimited): SlackMessage {
  const over = `You've asked ITNIO for new data ${limit} ${limit === 1 ? 'time' : 'times'} in the last minute, which is the limit.`;
  if (dataAsOf) {
    const asOf = slackDate(dataAsOf, '{date_short_pretty} {time_secs}', dataAsOf.toISOString());
    return renderNotice(
      `${over} ↻ Refresh works again in ${retryAfterSeconds} s. Until then, paging, Share and new searches still work on the data from ITNIO as of ${asOf}.`,
    );
  }
  return renderNotice(
    `${over} The data trunkbot holds is out of date, so this would ask ITNIO again: searching, paging and ↻ Refresh work again in ${retryAfterSeconds} s (sooner if someone else's search fetches fresh data). Share still works for the page on your screen.`,
  );
}

// Every note trunkbot posts while an answer is slow starts with this; the answer itself never does.
const INTERIM_PREFIX = ':hourglass_flowing_sand: ';

/** Whether a message is a note while an answer is slow ("Asking ITNIO…", "Collecting …") rather than the answer. */
export function isInterimNote(message: { text?: unknown }): boolean {
  return String(message.text ?? '').startsWith(INTERIM_PREFIX);
}

/** The first sign of life when an answer is slow: trunkbot is waiting on ITNIO. */
export function renderWaiting(): SlackMessage {
  const text = `${INTERIM_PREFIX}Asking ITNIO…`;
  return textMessage(text);
}

/** How far collecting every trunk from ITNIO has come, while the user waits. */
export function renderProgress(collected: number, total: number): SlackMessage {
  const text = `${INTERIM_PREFIX}Collecting ${formatCount(collected)} of ${formatCount(total)} trunks from ITNIO…`;
  return textMessage(text);
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

/** Why the bot holds no snapshot: the inventory is larger than it is set to collect. */
export function tooLargeReason(total: number, maxTrunks: number): string {
  return `ITNIO holds ${formatCount(total)} trunks, more than trunkbot is set to collect (INVENTORY_MAX_TRUNKS=${formatCount(maxTrunks)})`;
}

/** A request that needs the snapshot while there is none: what cannot be done, and the fix. */
export function renderTooLarge(total: number, maxTrunks: number, cannot: string, tryInstead = ''): SlackMessage {
  return renderProblem(
    `${tooLargeReason(total, maxTrunks)}, so it cannot ${cannot}.${tryInstead ? ` ${tryInstead}` : ''} Ask the operator to raise INVENTORY_MAX_TRUNKS.`,
  );
}

/** The bot cannot post in the channel, so it cannot `doWhat` (e.g. "watch trunks for it"): how to invite it. */
export function renderNotInChannel(doWhat: string): SlackMessage {
  const text = `:no_entry: I can’t post in this channel, so I can’t ${doWhat}. Invite me with \`/invite @trunkbot\` and run the command again.`;
  return textMessage(text);
}

/** Slack refused the message announcing a `thing` for its own reasons (not the channel): nothing was set up. */
export function renderAnnouncementRefused(thing: string, slackError: string): SlackMessage {
  const text = `:warning: Slack did not take the message announcing the ${thing} (\`${escapeMrkdwn(slackError)}\`), so no ${thing} was set up. Try again in a minute.`;
  return textMessage(text);
}
