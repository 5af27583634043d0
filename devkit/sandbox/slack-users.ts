import { zoneOffsetMs } from '../../src/trunks/zone-clock.js';
import { fail, type Args, type Result } from './slack-api-args.js';

/** The zone every user has unless a test says otherwise: not UTC, so a test sees the user's zone is used. */
export const DEFAULT_USER_TIME_ZONE = 'Europe/London';

/** The workspace's people as `users.info` describes them; any user ID exists. */
export interface UserDirectory {
  /** Gives a user a time zone (an IANA name) from now on. */
  setTimeZone(userId: string, timeZone: string): void;
  methods: Record<string, (args: Args) => Result>;
}

/** `users.info` over a directory in which every `U…`/`W…` ID is a person in DEFAULT_USER_TIME_ZONE unless set. */
export function createUserDirectory(teamId: string, defaultTimeZone = DEFAULT_USER_TIME_ZONE): UserDirectory {
  const zones = new Map<string, string>();
  return {
    setTimeZone: (userId, timeZone) => void zones.set(userId, timeZone),
    methods: {
      'users.info': (args) => {
        const id = typeof args.user === 'string' ? args.user : '';
        if (!/^[UW][A-Z0-9]{2,}$/.test(id)) return fail('user_not_found');
        const tz = zones.get(id) ?? defaultTimeZone;
        return {
          ok: true,
          user: {
            id,
            team_id: teamId,
            name: id.toLowerCase(),
            deleted: false,
            is_bot: false,
            tz,
            tz_label: tz,
            // Seconds east of UTC, as Slack gives it.
            tz_offset: zoneOffsetMs(Date.now(), tz) / 1000,
          },
        };
      },
    },
  };
}
