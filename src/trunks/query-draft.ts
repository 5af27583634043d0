import { formatRequest, MAX_QUERY_TEXT } from './format-request.js';
import { clip, type Read } from './read-values.js';
import { oneLine } from './slack-text.js';
import type { TrunkType } from './trunk.js';
import { type ChangedFilter, MAX_NAME_LENGTH, type TrunkRequest, type TrunkStatus } from './trunk-request.js';

/** The outcome of reading a user's filter text. */
export type ParsedQuery =
  | { kind: 'query'; request: TrunkRequest }
  | { kind: 'help' }
  | { kind: 'invalid'; problems: string[] };

// Status values are alternatives for matching, but these pairs can only mean the user misread a word.
const CONTRADICTIONS: [TrunkStatus, TrunkStatus, string][] = [
  ['up', 'down', 'pick one'],
  ['enabled', 'disabled', 'pick one'],
  ['disabled', 'down', '`down` means enabled with the gateway down'],
  ['disabled', 'up', '`up` means enabled with the gateway up'],
];

type OnceKey = 'account' | 'group' | 'prefix';

/** What a query has said so far, and every problem found on the way; `finish` checks the whole and builds the request. */
export class QueryDraft {
  private readonly problems: string[] = [];
  private type: TrunkType | 'all' | undefined;
  private readonly nameWords: string[] = [];
  private explicitName: string | undefined;
  private page: number | undefined;
  // Sets keep the order values were typed in and drop repeats.
  private readonly ips = new Set<string>();
  private readonly numbers = new Set<string>();
  private readonly ids = new Set<string>();
  private readonly idsOrNumbers = new Set<string>();
  private readonly status = new Set<TrunkStatus>();
  private readonly once = new Map<OnceKey, string>();
  private changed: { filter: ChangedFilter; key: string } | undefined;
  private stats = false;

  problem(text: string): void {
    this.problems.push(text);
  }

  /** Records a read value with `add`, or its problem. */
  take<T>(read: Read<T>, add: (value: T) => void): void {
    if ('problem' in read) this.problem(read.problem);
    else add(read.value);
  }

  setType(value: TrunkType | 'all', shown: string): void {
    if (this.type !== undefined && this.type !== value)
      this.problem(`\`${clip(shown)}\` contradicts the direction given earlier: pick one of outgoing or incoming.`);
    this.type = value;
  }

  addNameWord(word: string): void {
    this.nameWords.push(word);
  }

  addExplicitName(value: string): void {
    this.explicitName = this.explicitName === undefined ? value : `${this.explicitName} ${value}`;
  }

  setPage(page: number): void {
    if (this.page !== undefined && this.page !== page) this.problem('Give `page:` only once.');
    else this.page = page;
  }

  addIp(ip: string): void {
    this.ips.add(ip);
  }

  addNumber(number: string): void {
    this.numbers.add(number);
  }

  addId(id: string): void {
    this.ids.add(id);
  }

  addIdOrNumber(digits: string): void {
    this.idsOrNumbers.add(digits);
  }

  addStatus(status: TrunkStatus): void {
    this.status.add(status);
  }

  /** Sets a filter that takes one value; giving another one is a problem. */
  setOnce(key: OnceKey, value: string): void {
    const earlier = this.once.get(key);
    if (earlier !== undefined && earlier !== value) this.problem(`Give \`${key}:\` only once.`);
    else this.once.set(key, value);
  }

  setChanged(filter: ChangedFilter, key: 'changed' | 'since'): void {
    const earlier = this.changed;
    if (earlier !== undefined && JSON.stringify(earlier.filter) !== JSON.stringify(filter))
      this.problem(
        earlier.key === key
          ? `Give \`${key}:\` only once.`
          : 'Give either `changed:` (a span, e.g. `changed:6h`) or `since:` (a date), not both.',
      );
    else this.changed = { filter, key };
  }

  setStats(): void {
    this.stats = true;
  }

  /** The request, or every problem found; a request is only given when its canonical text fits a button. */
  finish(): ParsedQuery {
    if (this.explicitName !== undefined && this.nameWords.length > 0)
      this.problem('Give the name either as `name:…` or as plain words, not both.');
    const name = oneLine(this.explicitName ?? this.nameWords.join(' '));
    if (Array.from(name).length > MAX_NAME_LENGTH)
      this.problem(`The name filter is too long: keep it under ${MAX_NAME_LENGTH} characters.`);
    // A word with both kinds of quote cannot be written back inside either, so it could not be paged or shared.
    const mixed = name.split(' ').find((w) => w.includes('"') && w.includes("'"));
    if (mixed !== undefined)
      this.problem(`\`${clip(mixed)}\` holds both kinds of quote (" and '): leave one kind out.`);
    for (const [a, b, why] of CONTRADICTIONS)
      if (this.status.has(a) && this.status.has(b)) this.problem(`\`${a}\` and \`${b}\` can't both hold: ${why}.`);
    if (this.problems.length > 0) return { kind: 'invalid', problems: this.problems };

    const request = this.build(name);
    const length = formatRequest(request).length;
    if (length > MAX_QUERY_TEXT)
      return {
        kind: 'invalid',
        problems: [
          `That is more than one query can hold: written out for the paging buttons it takes ${length} characters, over the ${MAX_QUERY_TEXT} allowed. Leave some values out.`,
        ],
      };
    return { kind: 'query', request };
  }

  private build(name: string): TrunkRequest {
    const request: TrunkRequest = { page: this.page ?? 1 };
    if (this.type !== undefined && this.type !== 'all') request.type = this.type;
    if (name !== '') request.name = name;
    if (this.ips.size > 0) request.ips = [...this.ips];
    if (this.numbers.size > 0) request.numbers = [...this.numbers];
    if (this.ids.size > 0) request.ids = [...this.ids];
    if (this.idsOrNumbers.size > 0) request.idsOrNumbers = [...this.idsOrNumbers];
    for (const [key, value] of this.once) request[key] = value;
    if (this.status.size > 0) request.status = [...this.status];
    if (this.changed !== undefined) request.changed = this.changed.filter;
    if (this.stats) request.stats = true;
    return request;
  }
}
