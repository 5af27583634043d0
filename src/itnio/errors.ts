/** Stable codes for everything ITNIO (or the way to it) can answer instead of a trunk list. */
export type ItnioErrorCode =
  | 'itnio_auth'
  | 'itnio_clock'
  | 'itnio_params'
  | 'itnio_quota'
  | 'itnio_vendor_error'
  | 'itnio_status'
  | 'itnio_timeout'
  | 'itnio_unreachable'
  | 'itnio_http'
  | 'itnio_bad_answer';

/** A failed ITNIO call; `cause` keeps the original error, `status` the vendor status when there was one. */
export class ItnioError extends Error {
  override readonly name = 'ItnioError';
  constructor(
    readonly code: ItnioErrorCode,
    message: string,
    readonly details: { status?: number; reason?: string; httpStatus?: number } = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Maps a non-zero vendor status to a coded error. */
export function fromVendorStatus(status: number, reason: string | undefined): ItnioError {
  const details = { status, ...(reason !== undefined && { reason }) };
  switch (status) {
    case -1:
    case -2:
      return new ItnioError('itnio_auth', `ITNIO rejected the credentials (status ${status})`, details);
    case -16:
      return new ItnioError('itnio_clock', 'ITNIO says the request timestamp expired (status -16)', details);
    case -18:
      return new ItnioError('itnio_vendor_error', 'ITNIO reported an internal error (status -18)', details);
    case -22:
      return new ItnioError('itnio_params', 'ITNIO rejected the query parameters (status -22)', details);
    case -23:
      return new ItnioError('itnio_quota', 'ITNIO data cap reached (status -23)', details);
    default:
      return new ItnioError('itnio_status', `ITNIO answered status ${status}`, details);
  }
}
