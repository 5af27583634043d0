/**
 * The floor for `npm run bench`: the smallest Bolt app that does trunkbot's job. `/trunks` and the
 * Next › button each ack, make ONE signed call to the ITNIO query endpoint with global `fetch`, and
 * respond at the response_url with a one-line summary ("N trunks"). No rendering, logging or guards —
 * whatever trunkbot takes beyond this is trunkbot's own cost.
 *
 * The button's value is plain query text (the bench sends the floor the query whose page trunkbot's
 * sealed value names), so both bots ask ITNIO the same thing.
 *
 * Env: SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET, SLACK_API_URL, SLACK_BOT_ID, SLACK_BOT_USER_ID,
 * ITNIO_API_URL, ITNIO_API_KEY, ITNIO_API_SECRET, PORT, HOST. Prints `{"port":N,"msg":"bare bolt is ready"}`.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, type BlockAction, type ButtonAction } from '@slack/bolt';
import { signedHeaders } from '../../src/itnio/sign.js';
import { ACTION } from '../../src/trunks/action-ids.js';
import { floorReplyText, floorVendorBody } from './floor-vendor-body.js';

function need(name: string): string {
  const value = process.env[name];
  if (!value) {
    process.stderr.write(`bare-bolt: ${name} is not set\n`);
    process.exit(1);
  }
  return value;
}

const apiKey = need('ITNIO_API_KEY');
const apiSecret = need('ITNIO_API_SECRET');
const queryUrl = new URL('/v3/cc/sipTrunk/query', need('ITNIO_API_URL'));

/** One signed POST to the vendor (fetch keeps the connection alive); the answer as one line. */
async function summarize(text: string): Promise<string> {
  try {
    const response = await fetch(queryUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json;charset=UTF-8',
        ...signedHeaders(apiKey, apiSecret),
      },
      body: JSON.stringify(floorVendorBody(text)),
    });
    const answer = (await response.json()) as { status?: unknown; data?: { total?: unknown } };
    if (!response.ok || Number(answer.status) !== 0)
      return `ITNIO error: HTTP ${response.status}, status ${answer.status}`;
    return floorReplyText(Number(answer.data?.total));
  } catch (err) {
    // A failed call still answers, so the bench counts an error at once instead of waiting out its timeout.
    return `ITNIO call failed: ${(err as Error).message}`;
  }
}

const app = new App({
  token: need('SLACK_BOT_TOKEN'),
  signingSecret: need('SLACK_SIGNING_SECRET'),
  botId: need('SLACK_BOT_ID'),
  botUserId: need('SLACK_BOT_USER_ID'),
  clientOptions: { slackApiUrl: need('SLACK_API_URL') },
});

app.command('/trunks', async ({ command, ack, respond }) => {
  await ack();
  await respond({ response_type: 'ephemeral', text: await summarize(command.text) });
});

app.action<BlockAction<ButtonAction>>(ACTION.next, async ({ action, ack, respond }) => {
  await ack();
  await respond({ replace_original: true, text: await summarize(action.value ?? '') });
});

// Exit through process.exit so `--cpu-prof` gets to write its profile. Registered before the ready
// line: a SIGTERM that arrived before it would take the default action and kill the process outright.
process.once('SIGTERM', () => {
  void app.stop().finally(() => process.exit(0));
});

const server = (await app.start({
  port: Number(process.env.PORT ?? 0),
  host: process.env.HOST ?? '127.0.0.1',
})) as Server;
process.stdout.write(
  `${JSON.stringify({ port: (server.address() as AddressInfo).port, msg: 'bare bolt is ready' })}\n`,
);
