/** A service's answer: a value, or an expected refusal named in the domain's words (the edge maps it to HTTP). */
export type Outcome<T, R extends string> = { ok: true; value: T } | { ok: false; reason: R };

export const success = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });

export const refusal = <R extends string>(reason: R): { ok: false; reason: R } => ({ ok: false, reason });
