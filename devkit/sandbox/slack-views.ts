import { randomBytes } from 'node:crypto';
import { blockKitProblem } from './block-kit-limits.js';
import { fail, isRecord, nonEmpty, type Args, type Result } from './slack-api-args.js';

/** The kinds of view a bot can show: a modal, or a user's Home tab. */
export type ViewKind = 'modal' | 'home';

/** A view as Slack keeps it: returned by views.open/update/push/publish and carried by clicks inside it. */
export interface SlackView {
  id: string;
  team_id: string;
  type: ViewKind;
  title: unknown;
  blocks: unknown[];
  close: unknown;
  submit: unknown;
  private_metadata: string;
  callback_id: string;
  external_id: string;
  state: { values: Record<string, unknown> };
  hash: string;
  clear_on_close: boolean;
  notify_on_close: boolean;
  root_view_id: string;
  previous_view_id: string | null;
  app_id: string;
  bot_id: string;
}

/** The app the stand-in's views belong to. */
export interface ViewOwner {
  teamId: string;
  appId: string;
  botId: string;
}

// Slack's documented modal limits.
const LIMITS = { title: 24, button: 24, blocks: 100, callbackId: 255, externalId: 255, privateMetadata: 3_000 };
const MAX_STACK = 3;
const MAX_VIEW_BYTES = 250_000;

const textOf = (v: unknown): string | undefined => (isRecord(v) && typeof v.text === 'string' ? v.text : undefined);
// Slack's own wording for invalid_arguments, so a failing test reads like the real API's answer.
const problem = (message: string, pointer: string): string => `[ERROR] ${message} [json-pointer:/view${pointer}]`;

/**
 * Why Slack would refuse `view` as a modal (views.open/update/push) or a Home tab (views.publish), in
 * Slack's `response_metadata.messages` wording; empty when fine. Both take 100 blocks.
 */
export function viewProblems(view: unknown, kind: ViewKind = 'modal'): string[] {
  if (!isRecord(view)) return ['[ERROR] missing required field: view'];
  const problems: string[] = [];
  if (view.type !== kind) {
    problems.push(
      problem(kind === 'modal' ? 'must be modal (views.publish takes home tabs)' : 'must be home', '/type'),
    );
  }
  // A Home tab has no title bar: Slack shows the app's name above it.
  const title = textOf(view.title);
  if (kind === 'modal' && title === undefined) problems.push(problem('missing required field: title', '/title'));
  else if (title !== undefined && title.length > LIMITS.title)
    problems.push(problem(`must be less than ${LIMITS.title + 1} characters`, '/title/text'));
  for (const key of ['close', 'submit'] as const) {
    const text = textOf(view[key]);
    if (text !== undefined && text.length > LIMITS.button)
      problems.push(problem(`must be less than ${LIMITS.button + 1} characters`, `/${key}/text`));
  }
  for (const [key, max] of [
    ['callback_id', LIMITS.callbackId],
    ['external_id', LIMITS.externalId],
    ['private_metadata', LIMITS.privateMetadata],
  ] as const) {
    const value = view[key];
    if (value !== undefined && typeof value !== 'string') problems.push(problem('must be a string', `/${key}`));
    else if (value !== undefined && value.length > max)
      problems.push(problem(`must be less than ${max + 1} characters`, `/${key}`));
  }
  if (!Array.isArray(view.blocks)) problems.push(problem('missing required field: blocks', '/blocks'));
  else if (view.blocks.length > LIMITS.blocks)
    problems.push(problem(`no more than ${LIMITS.blocks} items allowed`, '/blocks'));
  else {
    const blocks = blockKitProblem(view.blocks, LIMITS.blocks);
    if (blocks) problems.push(problem(blocks, '/blocks'));
  }
  return problems;
}

/**
 * views.open, views.update and views.push over one store of modals, with Slack's trigger and stack rules;
 * views.publish keeps each user's Home tab in `homes` (by user ID), one view id per user.
 */
export function createViewMethods(
  owner: ViewOwner,
  homes: Map<string, SlackView> = new Map(),
): Record<string, (args: Args) => Result> {
  const views = new Map<string, SlackView>();
  const stacks = new Map<string, string[]>();
  const exchanged = new Set<string>();
  let latestRoot: string | undefined;

  // Rule 1: a trigger opens one view, once. Rule 2: the view must be valid for its kind. Rule 3: external ids are unique.
  const refuse = (args: Args, needsTrigger: boolean, self?: string, kind: ViewKind = 'modal'): Result | undefined => {
    if (needsTrigger && !nonEmpty(args.trigger_id))
      return fail('invalid_arguments', ['[ERROR] missing required field: trigger_id']);
    if (needsTrigger && exchanged.has(String(args.trigger_id))) return fail('exchanged_trigger_id');
    const problems = viewProblems(args.view, kind);
    if (problems.length > 0) return fail('invalid_arguments', problems);
    if (JSON.stringify(args.view).length > MAX_VIEW_BYTES) return fail('view_too_large');
    const externalId = (args.view as Args).external_id;
    const holder = typeof externalId === 'string' && externalId !== '' ? findExternal(externalId) : undefined;
    if (holder && holder.id !== self) return fail('duplicate_external_id');
    if (needsTrigger) exchanged.add(String(args.trigger_id));
    return undefined;
  };
  const findExternal = (externalId: string): SlackView | undefined =>
    [...views.values()].find((v) => v.external_id === externalId);
  const store = (
    input: Args,
    id: string,
    root: string,
    previous: string | null,
    kind: ViewKind = 'modal',
  ): SlackView => {
    const view: SlackView = {
      id,
      team_id: owner.teamId,
      type: kind,
      title: input.title,
      blocks: input.blocks as unknown[],
      close: input.close ?? null,
      submit: input.submit ?? null,
      private_metadata: typeof input.private_metadata === 'string' ? input.private_metadata : '',
      callback_id: typeof input.callback_id === 'string' ? input.callback_id : '',
      external_id: typeof input.external_id === 'string' ? input.external_id : '',
      state: { values: {} },
      hash: `${Math.floor(Date.now() / 1000)}.${randomBytes(4).toString('hex')}`,
      clear_on_close: input.clear_on_close === true,
      notify_on_close: input.notify_on_close === true,
      root_view_id: root,
      previous_view_id: previous,
      app_id: owner.appId,
      bot_id: owner.botId,
    };
    views.set(id, view);
    return view;
  };

  return {
    'views.open': (args) => {
      const refused = refuse(args, true);
      if (refused) return refused;
      const id = viewId();
      stacks.set(id, [id]);
      latestRoot = id;
      return { ok: true, view: store(args.view as Args, id, id, null) };
    },
    'views.push': (args) => {
      const refused = refuse(args, true);
      if (refused) return refused;
      // Slack pushes onto the modal the trigger came from; the stand-in takes the latest one opened.
      const stack = latestRoot === undefined ? undefined : stacks.get(latestRoot);
      if (!stack || latestRoot === undefined) return fail('not_found');
      if (stack.length >= MAX_STACK) return fail('push_limit_reached');
      const id = viewId();
      const view = store(args.view as Args, id, latestRoot, stack.at(-1) ?? null);
      stack.push(id);
      return { ok: true, view };
    },
    'views.update': (args) => {
      if (!nonEmpty(args.view_id) && !nonEmpty(args.external_id))
        return fail('invalid_arguments', ['[ERROR] missing required field: view_id or external_id']);
      const current = nonEmpty(args.view_id) ? views.get(String(args.view_id)) : findExternal(String(args.external_id));
      if (!current) return fail('not_found');
      if (nonEmpty(args.hash) && args.hash !== current.hash) return fail('hash_conflict');
      const refused = refuse(args, false, current.id, current.type);
      if (refused) return refused;
      const view = store(args.view as Args, current.id, current.root_view_id, current.previous_view_id, current.type);
      const homeOwner = [...homes].find(([, home]) => home.id === view.id)?.[0];
      if (homeOwner !== undefined) homes.set(homeOwner, view);
      return { ok: true, view };
    },
    // Publishing replaces the user's Home tab as a whole; no trigger is needed, and the view keeps its id.
    'views.publish': (args) => {
      if (!nonEmpty(args.user_id)) return fail('invalid_arguments', ['[ERROR] missing required field: user_id']);
      const user = String(args.user_id);
      const current = homes.get(user);
      if (nonEmpty(args.hash) && args.hash !== current?.hash) return fail('hash_conflict');
      const id = current?.id ?? viewId();
      const refused = refuse(args, false, id, 'home');
      if (refused) return refused;
      const view = store(args.view as Args, id, id, null, 'home');
      homes.set(user, view);
      return { ok: true, view };
    },
  };
}

function viewId(): string {
  return `V${randomBytes(8).toString('hex').toUpperCase().slice(0, 10)}`;
}
