import type { TokenView } from '../../lib/contract';

/** The most usage reports the list asks for: the limit of working tokens, all of them on the first page. */
export const MAX_ROW_REPORTS = 10;
/** Usage reports asked for at once, so that a list never sends ten requests together. */
export const ROW_REPORT_CONCURRENCY = 3;

/** The tokens whose rows show their alerts: the working ones (expired tokens cannot be used), at most ten. */
export const rowReportIds = (tokens: readonly TokenView[]): string[] =>
  tokens
    .filter((token) => token.status !== 'expired')
    .slice(0, MAX_ROW_REPORTS)
    .map((token) => token.id);
