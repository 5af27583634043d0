/**
 * The bot token scopes trunkbot needs: manifest.yml's `oauth_config.scopes.bot`, kept equal by a test.
 * commands: /trunks; app_mentions:read: @trunkbot; chat:write: replies, shares, alerts and Home's DMs;
 * chat:write.public: shares and alerts in public channels the bot has not joined; users:read: a digest
 * creator's time zone; files:write and im:write: Export CSV, uploaded into a channel or the user's DM.
 */
export const WANTED_SCOPES: readonly string[] = [
  'commands',
  'app_mentions:read',
  'chat:write',
  'chat:write.public',
  'users:read',
  'files:write',
  'im:write',
];
