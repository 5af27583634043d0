import type { App } from '@slack/bolt';
import type { BotDeps } from '../../pipeline/deps.js';
import { trunksCommand } from './trunks-command.js';

/** Registers the slash commands. */
export function register(app: App, deps: BotDeps): void {
  app.command('/trunks', trunksCommand(deps));
}
