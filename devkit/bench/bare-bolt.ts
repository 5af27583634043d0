/**
 * The framework's floor for `npm run bench`: Bolt in HTTP mode, `/trunks` and the Next button each ack,
 * make ONE signed call to the ITNIO query endpoint and respond with a small fixed message. No parsing,
 * rendering, logging or guards — whatever trunkbot takes beyond this is trunkbot's own cost.
 *
 * Env: SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET, SLACK_API_URL, SLACK_BOT_ID, SLACK_BOT_USER_ID,
 * ITNIO_API_URL, ITNIO_API_KEY, ITNIO_API_SECRET, PORT, HOST. Prints `{"port":N,"msg":"bare bolt is ready"}`.
 */
import { Agent, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App } from '@slack/bolt';
import { sign, unixSeconds } from '../../src/itnio/sign.js';
import { ACTION } from '../../src/trunks/action-ids.js';
import { BARE_REPLY_TEXT } from './bare-reply.js';

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
// The same page size trunkbot asks for, so both receive the same vendor payload.
const queryBody = JSON.stringify({ current: 1, size: 10, params: {} });
// Keep-alive, as trunkbot's got client has, so neither pays a TCP handshake per call.
const agent = new Agent({ keepAlive: true });

/** One signed POST to the vendor; the body is drained, not parsed. */
function queryVendor(): Promise<void> {
  return new Promise((resolve, reject) => {
    const timestamp = unixSeconds();
    const req = request(
      queryUrl,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json;charset=UTF-8',
          'content-length': Buffer.byteLength(queryBody),
          'api-key': apiKey,
          timestamp,
          sign: sign(apiKey, apiSecret, timestamp),
        },
      },
      (res) => {
        res.resume();
        res.once('end', () =>
          res.statusCode === 200 ? resolve() : reject(new Error(`ITNIO answered HTTP ${res.statusCode}`)),
        );
        res.once('error', reject);
      },
    );
    req.once('error', reject);
    req.end(queryBody);
  });
}

const app = new App({
  token: need('SLACK_BOT_TOKEN'),
  signingSecret: need('SLACK_SIGNING_SECRET'),
  botId: need('SLACK_BOT_ID'),
  botUserId: need('SLACK_BOT_USER_ID'),
  clientOptions: { slackApiUrl: need('SLACK_API_URL') },
});

// A failed call still answers, so the bench counts an error at once instead of waiting out its timeout.
const failure = (err: unknown) => `bare Bolt: ITNIO call failed: ${(err as Error).message}`;

app.command('/trunks', async ({ ack, respond }) => {
  await ack();
  const text = await queryVendor().then(() => BARE_REPLY_TEXT, failure);
  await respond({ response_type: 'ephemeral', text });
});

app.action(ACTION.next, async ({ ack, respond }) => {
  await ack();
  const text = await queryVendor().then(() => BARE_REPLY_TEXT, failure);
  await respond({ replace_original: true, text });
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
