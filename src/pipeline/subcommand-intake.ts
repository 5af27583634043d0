import type { webApi } from '@slack/bolt';
import { readDigestCommand } from '../trunks/digest-command.js';
import { readExportCommand } from '../trunks/export-command.js';
import type { SlackMessage } from '../trunks/message.js';
import { readWatchCommand } from '../trunks/watch-command.js';
import type { ExportDestination } from './answer-export.js';
import type { Claim } from './claims.js';
import type { BotDeps } from './deps.js';
import { digestIntake } from './digest-intake.js';
import { exportIntake, readExport } from './export-intake.js';
import type { Intake, Origin } from './request.js';
import { watchIntake } from './watch-intake.js';

/** What the slash command and a mention each supply for a subcommand. */
export interface SubcommandParts {
  origin: Origin & { surface: 'command' | 'mention' };
  claims: Claim[];
  /** Tells only the asker. */
  whisper: (message: SlackMessage) => Promise<unknown>;
  /** Posts into the channel: where a watch or digest is announced. */
  post: (message: SlackMessage) => Promise<unknown>;
  /** Shows that a slow export is on its way, where the surface can. */
  progress?: (message: SlackMessage) => Promise<unknown>;
  client: webApi.WebClient;
  /** Where a typed export's file goes. */
  exportTo: ExportDestination;
}

/**
 * `watch …`, `watching`, `unwatch …`, `digest …` or `export …`, typed after `/trunks` or in a mention, as a
 * request for the pipeline; undefined when the words are a query. The first word decides, in this order.
 */
export function subcommandIntake(deps: BotDeps, words: string, parts: SubcommandParts): Intake | undefined {
  const { origin, claims, whisper, post } = parts;
  const watch = readWatchCommand(words);
  if (watch) return watchIntake(deps, watch, { origin, claims, whisper, post });
  const digest = readDigestCommand(words);
  if (digest) {
    const userTimeZone = async () => (await parts.client.users.info({ user: origin.user })).user?.tz;
    return digestIntake(deps, digest, { origin, claims, whisper, post, userTimeZone });
  }
  const exported = readExportCommand(words);
  if (exported) {
    return exportIntake(deps, {
      origin,
      claims,
      read: () => readExport(exported.filters, origin.surface),
      whisper,
      ...(parts.progress && { progress: parts.progress }),
      client: parts.client,
      destination: parts.exportTo,
    });
  }
  return undefined;
}
