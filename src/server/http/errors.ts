/**
 * Errors that reach a client carry a stable code (registered in src/contract/errors.ts), a Vietnamese message, an
 * HTTP status and, when the message names values, those values as `params` (so the browser can word the message in
 * English). Anything else is logged and answered with a generic 500 (never leaking internals).
 */
import { ERRORS, renderError, type ErrorCode, type ErrorEntry, type ErrorParams } from '../../contract/errors.ts';

export class AppError extends Error {
  constructor(
    /** A code of src/contract/errors.ts (a test refuses unregistered codes). */
    readonly code: string,
    /** Vietnamese message shown to the user. */
    readonly messageVi: string,
    readonly status: number = 400,
    readonly details?: unknown,
    /** Values of the placeholders of the code's registered messages. */
    readonly params?: ErrorParams,
  ) {
    super(`${code}: ${messageVi}`);
    this.name = 'AppError';
  }
}

/** An error from the registry: its status and its Vietnamese message with the params filled in. */
export function appError(code: ErrorCode, params?: ErrorParams, details?: unknown): AppError {
  const entry: ErrorEntry = ERRORS[code];
  return new AppError(code, renderError(code, params, 'vi') ?? entry.vi, entry.status, details, params);
}

export const notFound = (what = 'Không tìm thấy dữ liệu yêu cầu.') => new AppError('NOT_FOUND', what, 404);
export const unauthorized = () => new AppError('UNAUTHENTICATED', 'Bạn cần đăng nhập để thực hiện thao tác này.', 401);
export const forbidden = (msg = 'Bạn không có quyền thực hiện thao tác này.') => new AppError('FORBIDDEN', msg, 403);

export interface ErrorBody {
  error: { code: string; message: string; params?: ErrorParams; details?: unknown };
}

/** The wire form of an error. */
export function errorBody(err: AppError): ErrorBody {
  return {
    error: {
      code: err.code,
      message: err.messageVi,
      ...(err.params ? { params: err.params } : {}),
      ...(err.details !== undefined ? { details: err.details } : {}),
    },
  };
}
