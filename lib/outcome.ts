/** A service's answer: a value, or an expected refusal named in the domain's words (the edge maps it to HTTP). */
export type Outcome<T, R extends string> = { ok: true; value: T } | Refused<R>;

/** A refusal; one that passes with time says in how many seconds the caller may try again. */
export type Refused<R extends string> = { ok: false; reason: R; retryAfterSeconds?: number };

export const success = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });

export const refusal = <R extends string>(reason: R, retryAfterSeconds?: number): Refused<R> =>
  retryAfterSeconds === undefined ? { ok: false, reason } : { ok: false, reason, retryAfterSeconds };
