/**
 * Errors that reach a client carry a stable code, a Vietnamese message and an HTTP status.
 * Anything else is logged and answered with a generic 500 (never leaking internals).
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    /** Vietnamese message shown to the user. */
    readonly messageVi: string,
    readonly status: number = 400,
    readonly details?: unknown,
  ) {
    super(`${code}: ${messageVi}`);
    this.name = 'AppError';
  }
}

export const notFound = (what = 'Không tìm thấy dữ liệu yêu cầu.') => new AppError('NOT_FOUND', what, 404);
export const unauthorized = () => new AppError('UNAUTHENTICATED', 'Bạn cần đăng nhập để thực hiện thao tác này.', 401);
export const forbidden = (msg = 'Bạn không có quyền thực hiện thao tác này.') => new AppError('FORBIDDEN', msg, 403);

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}
