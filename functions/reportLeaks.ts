import { httpHandler, sourceIp } from '../gateway/http';
import { parseBody } from '../lib/http/body';
import { orRefuse } from '../lib/http/refusals';
import { ok } from '../lib/http/response';
import { countLeakReport } from '../lib/leaks/report-rate';
import { LEAK_REPORT_MAX_BYTES, leakReportSchema } from '../lib/leaks/schemas';
import { receiveLeakReport } from '../lib/leaks/service';
import { runtimeDeps, type Deps } from '../lib/runtime';

export const reportLeaksHandler = (deps: () => Deps) =>
  httpHandler(async (event) => {
    const { config, db } = deps();
    const report = parseBody(leakReportSchema, event.body, LEAK_REPORT_MAX_BYTES);
    const ip = sourceIp(event);
    const now = new Date();
    orRefuse(await countLeakReport(db, ip, config.leaks.reportRate, now));
    const found = report.tokens.map((token) => (report.url === undefined ? { token } : { token, url: report.url }));
    return ok(await receiveLeakReport(db, config, found, { actor: 'leak-report', ip }, now), 202);
  });

export const handler = reportLeaksHandler(runtimeDeps);
