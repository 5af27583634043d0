/** Who may use the bot. Every list is optional; an empty list allows everyone. */
export interface AccessRules {
  channels: string[];
  users: string[];
  /** Workspace IDs (T…) allowed; when empty, only the one the bot is installed in. */
  teams: string[];
  /** Who to ask for access, shown in refusals (e.g. `#support-tools` or `<@U123>`). */
  contact: string;
}

/** Where a request came from, as far as access is concerned. */
export interface Requester {
  user: string;
  channel?: string;
  /** Where a share into a picked `channel` was made from (the alert's channel). */
  fromChannel?: string;
  /** The asker's own workspace (in a Slack Connect channel, not the one the bot is installed in). */
  team?: string;
}

export type AccessDecision =
  | { allowed: true }
  | { allowed: false; reason: 'team' | 'channel' | 'user'; message: string };

/** Decides whether a request may run; `installed` is what auth.test reported. */
export function checkAccess(rules: AccessRules, who: Requester, installed: { teamId?: string }): AccessDecision {
  // Rule 1: the asker's own workspace. Enterprise IDs never count: the app is installed per workspace, and an org
  // ID would let in every workspace of the org — and, since an event envelope names the installing org, Slack
  // Connect partners too.
  const teams = rules.teams.length > 0 ? rules.teams : installed.teamId ? [installed.teamId] : [];
  if (teams.length > 0 && !(who.team && teams.includes(who.team))) {
    return {
      allowed: false,
      reason: 'team',
      message: `trunkbot only answers its own workspace. Ask ${rules.contact} if you need it here.`,
    };
  }
  // Rule 2: the channel — for a share into a picked channel, both the one it came from and the one it goes to.
  if (rules.channels.length > 0) {
    const listed = rules.channels.map((c) => `<#${c}>`).join(', ');
    if (!(who.channel && rules.channels.includes(who.channel))) {
      return {
        allowed: false,
        reason: 'channel',
        message:
          who.fromChannel === undefined
            ? `trunkbot isn't enabled in this channel. Use it in one of ${listed}, or ask ${rules.contact} to add this one.`
            : `trunkbot isn't enabled in ${who.channel ? `<#${who.channel}>` : 'that channel'}, so it cannot share there. Pick one of ${listed}, or ask ${rules.contact} to add it.`,
      };
    }
    if (who.fromChannel !== undefined && !rules.channels.includes(who.fromChannel)) {
      return {
        allowed: false,
        reason: 'channel',
        message: `trunkbot isn't enabled in <#${who.fromChannel}>, where this was shared from. Use it in one of ${listed}, or ask ${rules.contact} to add that channel.`,
      };
    }
  }
  // Rule 3: the person.
  if (rules.users.length > 0 && !rules.users.includes(who.user)) {
    return {
      allowed: false,
      reason: 'user',
      message: `You're not on trunkbot's access list yet. Ask ${rules.contact} to add you.`,
    };
  }
  return { allowed: true };
}
