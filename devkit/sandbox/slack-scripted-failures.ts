/** What a test asked the stand-in to answer next instead of the real thing. */
export interface ScriptedFailures {
  failNext(method: string, error: string, times?: number): void;
  rateLimitNext(method: string, retryAfterSeconds: number, times?: number): void;
  failResponseUrl(status: number, times?: number): void;
  /** The next scripted answer to a call of `method`, a rate limit before any other failure; undefined for none. */
  takeApi(method: string): { error: string; retryAfterSeconds?: number } | undefined;
  /** The next scripted HTTP status for a response_url post; undefined for none. */
  takeResponse(): number | undefined;
}

/** Empty queues of scripted failures, per Web API method and for response_url posts. */
export function createScriptedFailures(): ScriptedFailures {
  const errors = new Map<string, string[]>();
  const rateLimits = new Map<string, number[]>();
  const responseStatuses: number[] = [];
  const enqueue = <T>(queues: Map<string, T[]>, method: string, value: T, times: number): void => {
    queues.set(method, [...(queues.get(method) ?? []), ...Array<T>(times).fill(value)]);
  };
  return {
    failNext: (method, error, times = 1) => enqueue(errors, method, error, times),
    rateLimitNext: (method, retryAfterSeconds, times = 1) => {
      // Slack itself never says 0; the stand-in allows it so that a test of a retry need not wait.
      if (!(Number.isInteger(retryAfterSeconds) && retryAfterSeconds >= 0)) {
        throw new RangeError(`Retry-After must be a whole number of seconds >= 0, got ${retryAfterSeconds}`);
      }
      if (!(Number.isInteger(times) && times >= 1))
        throw new RangeError(`times must be a whole number >= 1, got ${times}`);
      enqueue(rateLimits, method, retryAfterSeconds, times);
    },
    failResponseUrl: (status, times = 1) => {
      responseStatuses.push(...Array<number>(times).fill(status));
    },
    takeApi: (method) => {
      const retryAfterSeconds = rateLimits.get(method)?.shift();
      if (retryAfterSeconds !== undefined) return { error: 'ratelimited', retryAfterSeconds };
      const error = errors.get(method)?.shift();
      return error === undefined ? undefined : { error };
    },
    takeResponse: () => responseStatuses.shift(),
  };
}
