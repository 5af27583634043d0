/** How the requests of a run were answered, counted from response_url posts per request. */
export interface AnswerCount {
  requests: number;
  exactlyOnce: number;
  /** Requests whose response_url was never posted to. */
  missing: number;
  /** Requests whose response_url was posted to more than once. */
  duplicated: number;
  /** Posts to response_urls that no request of the run was given. */
  strays: number;
}

/** Compares the response_url ids the requests were given with how many posts each got. */
export function countAnswers(issued: Iterable<string>, posts: ReadonlyMap<string, number>): AnswerCount {
  const count: AnswerCount = { requests: 0, exactlyOnce: 0, missing: 0, duplicated: 0, strays: 0 };
  const mine = new Set<string>();
  for (const id of issued) {
    mine.add(id);
    count.requests += 1;
    const n = posts.get(id) ?? 0;
    if (n === 0) count.missing += 1;
    else if (n === 1) count.exactlyOnce += 1;
    else count.duplicated += 1;
  }
  for (const [id, n] of posts) if (!mine.has(id)) count.strays += n;
  return count;
}
