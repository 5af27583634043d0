import type { IncomingMessage, ServerResponse } from 'node:http';
import { SandboxControlError, type SandboxControlCode } from './control-error.js';
import { readBody } from './read-body.js';
import { checkTrunkChange, rawFieldsOf, withoutPassword } from './trunk-change.js';
import type { TrunkControl } from './trunk-control.js';

/** Where the sandbox's own control lives: outside the vendor's `/v3/` paths, so no bot request can reach it. */
export const TRUNK_CONTROL_PATH = '/_sandbox/trunks';

const BODY_LIMIT_BYTES = 16 * 1024;
const STATUS: Record<SandboxControlCode, number> = {
  trunk_not_found: 404,
  trunk_ambiguous: 400,
  invalid_change: 400,
};

/** True for the paths `serveTrunkControl` answers. */
export function isTrunkControlPath(path: string): boolean {
  return path === TRUNK_CONTROL_PATH || path.startsWith(`${TRUNK_CONTROL_PATH}/`);
}

/**
 * Answers the control endpoint, unsigned (the sandbox binds to loopback):
 * `POST /_sandbox/trunks` adds a trunk, `POST /_sandbox/trunks/<ref>` changes one, `DELETE` removes one.
 */
export async function serveTrunkControl(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  control: TrunkControl,
): Promise<void> {
  const send = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
    res.writeHead(status, { 'Content-Type': 'application/json;charset=UTF-8', ...headers });
    res.end(JSON.stringify(body));
  };
  const raw = await readBody(req, BODY_LIMIT_BYTES);
  if (raw.tooLarge) return send(413, { error: 'too_large', message: `Send at most ${BODY_LIMIT_BYTES} bytes` });
  const encodedRef = path.slice(TRUNK_CONTROL_PATH.length + 1);
  const allowed = encodedRef === '' ? 'POST' : 'POST, DELETE';
  if (!allowed.split(', ').includes(req.method ?? '')) {
    return send(405, { error: 'method_not_allowed', message: `${path} takes ${allowed}` }, { Allow: allowed });
  }
  try {
    const body = readJson(raw.text);
    if (encodedRef === '') {
      return send(201, withoutPassword(control.addTrunk(rawFieldsOf(checkTrunkChange(body, { allowEmpty: true })))));
    }
    const ref = decodeRef(encodedRef);
    if (req.method === 'DELETE') return send(200, withoutPassword(control.removeTrunk(ref)));
    return send(200, withoutPassword(control.changeTrunk(ref, checkTrunkChange(body))));
  } catch (err) {
    if (!(err instanceof SandboxControlError)) throw err;
    const candidates = err.candidates.length > 0 ? { candidates: err.candidates } : {};
    return send(STATUS[err.code], { error: err.code, message: err.message, ...candidates });
  }
}

function readJson(text: string): unknown {
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new SandboxControlError('invalid_change', 'The body is not JSON: send e.g. {"gateway":"down"}');
  }
}

function decodeRef(encoded: string): string {
  try {
    return decodeURIComponent(encoded);
  } catch {
    throw new SandboxControlError('trunk_not_found', `"${encoded}" is not a valid URL path segment`);
  }
}
