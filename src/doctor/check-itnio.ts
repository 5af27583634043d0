import { got, RequestError, TimeoutError } from 'got';
import { parseAnswer, TRUNK_QUERY_PATH } from '../itnio/client.js';
import { ItnioError } from '../itnio/errors.js';
import { signedHeaders } from '../itnio/sign.js';
import { CHECK_TIMEOUT_MS, type CheckOptions, type CheckResult } from './check.js';
import { describeSkew } from './describe-skew.js';

const NAME = 'ITNIO credentials';
const CREDENTIALS_FIX =
  'check ITNIO_API_KEY (the "API authentication name") and ITNIO_API_SECRET in the ITNIO console: both must belong to the same account';
const CLOCK_FIX = 'sync this machine’s clock with NTP (ITNIO refuses requests whose Timestamp is minutes off)';
// A skew this large still works, but is on its way to -16: worth a word even when ITNIO says yes.
const NOTABLE_SKEW_MS = 60_000;

/** One signed query for a single trunk: whether ITNIO accepts the key and secret, and how far off this clock is. */
export async function checkItnio(
  itnio: { apiUrl: string; apiKey: string; apiSecret: string },
  { timeoutMs = CHECK_TIMEOUT_MS, now = Date.now }: CheckOptions = {},
): Promise<CheckResult> {
  let response;
  try {
    response = await got.post(`${itnio.apiUrl}/${TRUNK_QUERY_PATH}`, {
      json: { current: 1, size: 1, params: {} },
      headers: {
        'content-type': 'application/json;charset=UTF-8',
        'user-agent': 'trunkbot-doctor',
        ...signedHeaders(itnio.apiKey, itnio.apiSecret, now()),
      },
      timeout: { request: timeoutMs },
      retry: { limit: 0 },
      throwHttpErrors: false,
      responseType: 'text',
    });
  } catch (err) {
    const reason =
      err instanceof TimeoutError
        ? `no answer within ${timeoutMs / 1000} s`
        : err instanceof RequestError
          ? err.code
          : (err as Error).message;
    return {
      name: NAME,
      ok: false,
      detail: `could not reach ITNIO at ${itnio.apiUrl} (${reason})`,
      fix: 'check ITNIO_API_URL, and that this machine may reach it (DNS, firewall, proxy)',
    };
  }
  // Local time when the answer came, against ITNIO's Date header: positive when this clock runs ahead.
  const vendorDate = Date.parse(response.headers.date ?? '');
  const skewMs = Number.isNaN(vendorDate) ? undefined : now() - vendorDate;
  const skew = skewMs === undefined ? undefined : describeSkew(skewMs, 'ITNIO’s');
  if (response.statusCode !== 200) {
    return {
      name: NAME,
      ok: false,
      detail: `ITNIO answered HTTP ${response.statusCode} at ${itnio.apiUrl}/${TRUNK_QUERY_PATH}`,
      fix: 'check ITNIO_API_URL (the API’s base URL, such as https://api.itniotech.com); if it is right, ITNIO is having trouble',
    };
  }
  try {
    const page = parseAnswer(response.body);
    const note = skewMs !== undefined && Math.abs(skewMs) >= NOTABLE_SKEW_MS ? `; this clock is ${skew}` : '';
    return { name: NAME, ok: true, detail: `accepted by ${itnio.apiUrl} (${page.total} trunks)${note}` };
  } catch (err) {
    return { name: NAME, ok: false, ...vendorFailure(err, skew) };
  }
}

/** A vendor status or an unreadable answer, phrased as what to do. */
function vendorFailure(err: unknown, skew: string | undefined): { detail: string; fix: string } {
  if (!(err instanceof ItnioError)) throw err;
  const status = err.details.status;
  switch (err.code) {
    case 'itnio_auth':
      return { detail: `ITNIO rejected the credentials (status ${status}: bad key or secret)`, fix: CREDENTIALS_FIX };
    case 'itnio_clock':
      return {
        detail: `ITNIO says the request's Timestamp expired (status -16): ${
          skew === undefined ? 'ITNIO sent no Date to compare with' : `this machine's clock is ${skew}`
        }`,
        fix: CLOCK_FIX,
      };
    case 'itnio_quota':
      return {
        detail: 'ITNIO accepted the credentials but the account’s data cap is reached (status -23)',
        fix: 'ask ITNIO to raise or reset the data cap',
      };
    case 'itnio_bad_answer':
      return {
        detail: `ITNIO sent an answer trunkbot cannot read (${err.message})`,
        fix: 'check that ITNIO_API_URL is the ITNIO API and not a web page or proxy',
      };
    default:
      return {
        detail: `${err.message}${err.details.reason ? `: ${err.details.reason}` : ''}`,
        fix: 'try again; if it persists, ask ITNIO support about this status',
      };
  }
}
