import { z } from 'zod';
import type { ButtonSeal } from './button-seal.js';
import { MAX_NAME_LENGTH, MAX_PAGE, type TrunkRequest } from './trunk-request.js';

/** What a paging or share button carries: the request, and who shared the message it sits on. */
export interface PageState {
  request: TrunkRequest;
  /** Set on messages shared into a channel, so paging them keeps the attribution. */
  sharedBy?: string;
}

const SLACK_USER_ID = /^[UW][A-Z0-9]{2,30}$/;

// Short keys keep the value far below Slack's 2,000-character limit for button values.
const wireSchema = z.strictObject({
  p: z.number().int().min(1).max(MAX_PAGE),
  t: z.union([z.literal(1), z.literal(2)]).optional(),
  n: z
    .string()
    .min(1)
    .max(MAX_NAME_LENGTH * 4)
    .refine((n) => Array.from(n).length <= MAX_NAME_LENGTH)
    .optional(),
  s: z.string().regex(SLACK_USER_ID).optional(),
});

/** Serialises and seals a state for a button `value`. */
export function encodePageState({ request, sharedBy }: PageState, seal: ButtonSeal): string {
  return seal.seal(
    JSON.stringify({
      p: request.page,
      ...(request.type !== undefined && { t: request.type }),
      ...(request.name !== undefined && { n: request.name }),
      ...(sharedBy !== undefined && { s: sharedBy }),
    }),
  );
}

/** Reads a clicked button's value; anything unsealed, tampered, stale or out of range yields undefined. */
export function decodePageState(value: unknown, seal: ButtonSeal): PageState | undefined {
  if (typeof value !== 'string' || value.length > 2_000) return undefined;
  const payload = seal.open(value);
  if (payload === undefined) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(payload);
  } catch {
    return undefined;
  }
  const parsed = wireSchema.safeParse(json);
  if (!parsed.success) return undefined;
  const { p, t, n, s } = parsed.data;
  const request: TrunkRequest = { page: p };
  if (t !== undefined) request.type = t;
  if (n !== undefined) request.name = n;
  return s === undefined ? { request } : { request, sharedBy: s };
}
