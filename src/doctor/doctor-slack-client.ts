import { webApi } from '@slack/bolt';

/** A Web API client that answers fast: no retries, no waiting out a rate limit, a short timeout. */
export function doctorSlackClient(token: string, apiUrl: string | undefined, timeoutMs: number): webApi.WebClient {
  return new webApi.WebClient(token, {
    ...(apiUrl !== undefined && { slackApiUrl: apiUrl }),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: timeoutMs,
    logLevel: webApi.LogLevel.ERROR,
  });
}
