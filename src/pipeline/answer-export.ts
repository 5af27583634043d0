import type { webApi } from '@slack/bolt';
import { csvFile } from '../export/csv-file.js';
import { exportNames } from '../export/export-names.js';
import {
  exportComment,
  renderExportFailed,
  renderExportedToChannel,
  renderExportedToDm,
  renderNothingToExport,
} from '../export/render-export.js';
import { ExportError, openDirectMessage, uploadFile } from '../export/upload-file.js';
import type { Progress } from '../inventory/fetch-inventory.js';
import type { IndexedSnapshot } from '../inventory/inventory.js';
import { matchTrunks } from '../trunks/match-trunks.js';
import type { TrunkRequest } from '../trunks/trunk-request.js';
import { type Answer, failedAnswer } from './answer-query.js';
import { shownOf } from './audit.js';
import type { BotDeps } from './deps.js';

/** Where an export goes: the user's direct message with the bot, or a channel (and thread) everyone there sees. */
export type ExportDestination = { kind: 'dm' } | { kind: 'channel'; channel: string; threadTs?: string };

type ExportDeps = Pick<BotDeps, 'inventory' | 'timeZone' | 'shutdown'>;

// The audit line names at most this many exported trunks (a 10,000-trunk line would swamp a log pipeline);
// `total` and the filters say which the rest are.
const MAX_AUDITED = 1_000;

/**
 * Every trunk `request` matches in the snapshot, as a CSV file uploaded to `destination` for `user`. The
 * snapshot is the one queries read (built or reused as they do), so an export of a large result costs
 * ITNIO nothing more than a list. Expected failures (ITNIO, Slack) become the answer; only a bug throws.
 */
export async function answerExport(
  deps: ExportDeps,
  client: webApi.WebClient,
  request: TrunkRequest,
  user: string,
  destination: ExportDestination,
  onProgress?: (progress: Progress) => void,
): Promise<Answer> {
  const asked = Date.now();
  const started = performance.now();
  let snapshot: IndexedSnapshot;
  try {
    snapshot = await deps.inventory.get({
      ...(deps.shutdown && { signal: deps.shutdown }),
      ...(onProgress && { onProgress }),
    });
  } catch (error) {
    return failedAnswer(error, 'export trunks');
  }
  const facts = {
    latencyMs: Math.round(performance.now() - started),
    ...(snapshot.fetchedAt < asked && { cached: true }),
    ...(snapshot.unreadable > 0 && { unreadable: snapshot.unreadable }),
  };
  const matched = matchTrunks(snapshot.index, request, snapshot.fetchedAt);
  if (matched.length === 0)
    return { message: renderNothingToExport(request), ok: false, outcome: 'empty', total: 0, ...facts };

  const fetchedAt = new Date(snapshot.fetchedAt);
  const names = exportNames(request, matched.length, fetchedAt, deps.timeZone);
  const file = await csvFile(matched, deps.timeZone, names);
  const exported = { total: matched.length, shown: shownOf(matched.slice(0, MAX_AUDITED)), ...facts };
  try {
    const channel = destination.kind === 'dm' ? await openDirectMessage(client, user) : destination.channel;
    const thread = destination.kind === 'channel' && destination.threadTs ? { threadTs: destination.threadTs } : {};
    await uploadFile(
      client,
      file,
      { channel, ...thread },
      exportComment(request, file, fetchedAt, user),
      deps.shutdown,
    );
  } catch (error) {
    if (!(error instanceof ExportError)) throw error;
    return {
      message: renderExportFailed(error, destination.kind),
      ok: false,
      outcome: 'export_failed',
      error,
      ...exported,
    };
  }
  return destination.kind === 'dm'
    ? { message: renderExportedToDm(file), ok: true, outcome: 'exported_to_dm', ...exported }
    : { message: renderExportedToChannel(file), ok: true, outcome: 'exported_to_channel', ...exported };
}
