/**
 * The bot token scopes trunkbot needs: manifest.yml's `oauth_config.scopes.bot`, kept equal by a test.
 * commands: /trunks; app_mentions:read: @trunkbot; chat:write: replies, shares and alerts;
 * chat:write.public: shares and alerts in public channels the bot has not joined.
 */
export const WANTED_SCOPES: readonly string[] = ['commands', 'app_mentions:read', 'chat:write', 'chat:write.public'];
