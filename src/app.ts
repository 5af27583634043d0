import type { IncomingMessage, ServerResponse } from 'node:http';
import { App, type CustomRoute } from '@slack/bolt';
import { toBoltLogger } from './bolt-logger.js';
import { errorFields } from './log.js';
import { type Config, slackModeOf } from './config.js';
import type { BotDeps } from './pipeline/deps.js';
import { registerListeners } from './listeners/index.js';
import { slackClientOptions } from './slack-identity.js';

const healthRoute: CustomRoute = {
  path: '/healthz',
  method: ['GET'],
  handler: (_req: IncomingMessage, res: ServerResponse) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"ok":true}');
  },
};

/** Builds the Bolt app with every listener registered; does no I/O of its own. */
export function createApp(config: Config, deps: BotDeps): App {
  const socketMode = slackModeOf(config) === 'socket';
  const app = new App({
    // Bolt authorizes before ack(), so this must never wait on Slack: an identity not known yet is
    // looked up in the background and the request goes ahead with the token alone.
    authorize: async () => {
      const known = deps.identity.current();
      if (!known) deps.identity.refresh();
      return { botToken: config.slack.botToken, ...known };
    },
    ...(socketMode
      ? { socketMode: true, appToken: config.slack.appToken }
      : { signingSecret: config.slack.signingSecret }),
    logger: toBoltLogger(deps.log),
    // No conversation state is kept in Bolt (the bot's state is in its own stores). Bolt's default
    // in-memory conversation store runs on every event and, for a conversation it has never seen
    // (every one, here), builds and throws away an Error.
    convoStore: false,
    clientOptions: slackClientOptions(config),
    customRoutes: [healthRoute],
    port: config.http.port,
  });
  registerListeners(app, deps);
  app.error(async (error) => {
    deps.log.error(errorFields((error as { original?: unknown }).original ?? error), 'listener failed');
  });
  return app;
}
