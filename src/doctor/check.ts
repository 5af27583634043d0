/** One line of the doctor's report. */
export interface CheckResult {
  /** What was checked, e.g. "Slack bot token". */
  name: string;
  ok: boolean;
  /** What was found: who the token belongs to, or what went wrong. */
  detail: string;
  /** What to do about a failure. */
  fix?: string;
}

/** How long each check may take, and the clock ITNIO requests are signed with. */
export interface CheckOptions {
  timeoutMs?: number;
  now?: () => number;
}

/** Short: the doctor runs at every start and on an operator's terminal, where a hang reads as broken. */
export const CHECK_TIMEOUT_MS = 5_000;
