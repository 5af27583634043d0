import type { Logger } from '../log.js';
import type { SlackMessage } from '../trunks/message.js';
import type { AlertSender } from './alert-sender.js';
import { duration, timeOf } from './render-alert.js';
import type { WatchState } from './watch-state.js';

/** Failed polls in a row before the operator's channel hears of it: one miss is noise, three are an outage. */
export const OUTAGE_NOTICE_AFTER = 3;

interface OutageOptions {
  sender: AlertSender;
  log: Logger;
  alertChannel?: string;
}

/** Counts a failed poll; once it is an outage, ALERT_CHANNEL_ID is told (once). */
export async function noteOutage(state: WatchState, options: OutageOptions, at: number): Promise<WatchState> {
  const outage = { since: at, failures: 0, ...state.outage };
  outage.failures += 1;
  if (outage.failures === OUTAGE_NOTICE_AFTER) {
    options.log.error(
      { failures: outage.failures, since: new Date(outage.since).toISOString() },
      'ITNIO cannot be reached; watch alerts are paused',
    );
  }
  // Tried on every failed poll from then on until Slack takes it: the operator must hear of it.
  if (outage.failures >= OUTAGE_NOTICE_AFTER && options.alertChannel !== undefined && !outage.notice) {
    const sent = await options.sender.post(options.alertChannel, outageMessage(outage.since, outage.failures));
    if (sent.ok) outage.notice = { channel: options.alertChannel, ts: sent.ts };
  }
  return { ...state, outage };
}

/** ITNIO answered again: the outage notice (if one was posted) is edited and a reply goes in its thread. */
export async function noteRecovery(state: WatchState, options: OutageOptions, at: number): Promise<WatchState> {
  const { outage, ...rest } = state;
  if (!outage) return state;
  if (outage.failures >= OUTAGE_NOTICE_AFTER)
    options.log.info({ failures: outage.failures }, 'ITNIO answers again; watch alerts resume');
  if (outage.notice) {
    const over = `✅ ITNIO answers again (unreachable for ${duration(at - outage.since)}, since ${timeOf(outage.since)}). Watch alerts have resumed.`;
    await options.sender.update(outage.notice.channel, outage.notice.ts, plain(over));
    await options.sender.post(outage.notice.channel, plain('✅ ITNIO is reachable again.'), outage.notice.ts);
  }
  return rest;
}

function outageMessage(since: number, failures: number): SlackMessage {
  return plain(
    `⚠️ *ITNIO cannot be reached*: ${failures} polls in a row failed since ${timeOf(since)}. Watch alerts are paused until it answers; this message is updated when it does.`,
  );
}

function plain(mrkdwn: string): SlackMessage {
  return { text: mrkdwn, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: mrkdwn } }] };
}
