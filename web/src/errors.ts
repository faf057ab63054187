/** An answer of the API other than success, or a failure to reach it; `message` is fit to show. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const errorMessage = (error: unknown): string =>
  error instanceof ApiError ? error.message : 'Something went wrong. Try again.';

export const isNotFound = (error: unknown): boolean => error instanceof ApiError && error.status === 404;
