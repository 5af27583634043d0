import type { IncomingMessage, ServerResponse } from 'node:http';
import { App, type CustomRoute, type webApi } from '@slack/bolt';
import { toBoltLogger } from './bolt-logger.js';
import type { Config } from './config.js';
import type { BotDeps } from './listeners/deps.js';
import { registerListeners } from './listeners/index.js';
import type { IdentityCache } from './slack-identity.js';

/** Web client settings: Slack's default retry policy keeps trying for ~30 minutes, far too long for a chat reply. */
export function slackClientOptions(config: Config): webApi.WebClientOptions {
  return {
    ...(config.slack.apiUrl !== undefined && { slackApiUrl: config.slack.apiUrl }),
    retryConfig: { retries: 2, factor: 2, minTimeout: 250, maxTimeout: 2_000, randomize: true },
    timeout: 10_000,
  };
}

const healthRoute: CustomRoute = {
  path: '/healthz',
  method: ['GET'],
  handler: (_req: IncomingMessage, res: ServerResponse) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"ok":true}');
  },
};

/** Builds the Bolt app with every listener registered; does no I/O of its own. */
export function createApp(config: Config, deps: BotDeps, identity: IdentityCache): App {
  const socketMode = config.slack.appToken !== undefined;
  const app = new App({
    // Bolt authorizes before ack(), so this must never wait on Slack: an identity not known yet is
    // looked up in the background and the request goes ahead with the token alone.
    authorize: async () => {
      const known = identity.current();
      if (!known) identity.refresh();
      return { botToken: config.slack.botToken, ...known };
    },
    ...(socketMode
      ? { socketMode: true, appToken: config.slack.appToken, installerOptions: { port: config.http.port } }
      : { signingSecret: config.slack.signingSecret }),
    logger: toBoltLogger(deps.log),
    clientOptions: slackClientOptions(config),
    customRoutes: [healthRoute],
    port: config.http.port,
  });
  registerListeners(app, deps);
  app.error(async (error) => {
    const cause = (error as { original?: unknown }).original ?? error;
    deps.log.error(
      { error: { message: cause instanceof Error ? cause.message : String(cause), code: (error as { code?: unknown }).code } },
      'listener failed',
    );
  });
  return app;
}
