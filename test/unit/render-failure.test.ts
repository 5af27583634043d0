import { ItnioError, fromVendorStatus } from '../../src/itnio/errors.js';
import { failureOf } from '../../src/pipeline/answer-query.js';
import { GuardError } from '../../src/resilience/errors.js';
import { ACTION } from '../../src/trunks/action-ids.js';
import { createButtonSeal } from '../../src/trunks/button-seal.js';
import { decodePageState } from '../../src/trunks/page-state.js';
import { describeFailure, renderFailure } from '../../src/trunks/render-failure.js';

const describeItnioError = (err: unknown) => describeFailure(failureOf(err));

describe('vendor statuses become actionable messages', () => {
  test.each([
    [-1, 'itnio_auth', /ITNIO_API_KEY and ITNIO_API_SECRET/],
    [-2, 'itnio_auth', /ITNIO_API_KEY and ITNIO_API_SECRET/],
    [-16, 'itnio_clock', /clock is probably off.*NTP/],
    [-18, 'itnio_vendor_error', /internal error/],
    [-22, 'itnio_params', /rejected the query parameters/],
    [-23, 'itnio_quota', /data cap/],
  ])('status %i', (status, code, message) => {
    const err = fromVendorStatus(status, 'vendor words');
    expect(err.code).toBe(code);
    expect(describeItnioError(err)).toMatch(message);
  });

  test('unknown statuses show the vendor reason, flattened and shortened', () => {
    const err = fromVendorStatus(-99, `Account\nfrozen ${'x'.repeat(500)}`);
    const text = describeItnioError(err);
    expect(err.code).toBe('itnio_status');
    expect(text).toMatch(/^ITNIO answered with status -99: Account frozen x+…\.$/);
    expect(text.length).toBeLessThan(300);
  });

  test('transport failures say what to do', () => {
    expect(describeItnioError(new ItnioError('itnio_timeout', 't'))).toMatch(/did not answer in time/);
    expect(describeItnioError(new ItnioError('itnio_http', 'h', { httpStatus: 503 }))).toMatch(/HTTP 503/);
    expect(describeItnioError(new ItnioError('itnio_bad_answer', 'b'))).toMatch(/unexpected answer from ITNIO/);
    expect(describeItnioError(new ItnioError('itnio_unreachable', 'u'))).toMatch(/check ITNIO_API_URL/);
  });

  test('anything else gets a generic message without internals', () => {
    const text = describeItnioError(new TypeError('Cannot read properties of undefined (reading secret)'));
    expect(text).not.toMatch(/TypeError|undefined|secret/);
    expect(text).toMatch(/try again/);
  });

  test('the bot’s own protections and a shutdown say so', () => {
    expect(failureOf(new GuardError('itnio_busy', 'queue full')).code).toBe('itnio_busy');
    expect(describeItnioError(new GuardError('itnio_busy', 'queue full'))).toMatch(/a lot of ITNIO queries/);
    const stopped = new AbortController();
    stopped.abort();
    expect(failureOf(stopped.signal.reason).code).toBe('itnio_cancelled');
    expect(describeItnioError(stopped.signal.reason)).toMatch(/restarting/);
  });
});

describe('the Retry button of a failure', () => {
  const seal = createButtonSeal('test-secret');
  const actionsOf = (message: { blocks: unknown[] }) =>
    message.blocks.filter((b): b is { type: 'actions'; elements: { action_id: string; value: string }[] } =>
      Boolean(b && (b as { type?: string }).type === 'actions'),
    );

  test('carries the request, sealed; a failed Refresh retries as a Refresh', () => {
    const request = { page: 3, group: 'Billing', status: ['down' as const] };
    const [plain] = actionsOf(renderFailure({ code: 'itnio_busy' }, { request, fresh: false, seal }));
    const [fresh] = actionsOf(renderFailure({ code: 'itnio_busy' }, { request, fresh: true, seal }));
    expect(plain?.elements.map((e) => e.action_id)).toEqual([ACTION.retry]);
    expect(fresh?.elements.map((e) => e.action_id)).toEqual([ACTION.retryRefresh]);
    expect(decodePageState(plain?.elements[0]?.value, seal)).toEqual({ request });
  });

  test('is left out when there is no request to run again', () => {
    expect(actionsOf(renderFailure({ code: 'error' }))).toEqual([]);
  });
});
