import { httpHandler, sourceIp } from '../gateway/http';
import { ApiError } from '../lib/errors';
import { headerValue } from '../lib/http/bearer';
import { parseBody } from '../lib/http/body';
import { ok } from '../lib/http/response';
import { githubKeyCache, type KeyLookup } from '../lib/leaks/github-keys';
import { verifyGithubSignature } from '../lib/leaks/github-signature';
import { githubReportSchema, LEAK_REPORT_MAX_BYTES } from '../lib/leaks/schemas';
import { receiveLeakReport } from '../lib/leaks/service';
import { runtimeDeps, type Deps } from '../lib/runtime';

export const reportGithubLeaksHandler = (deps: () => Deps) => {
  let keyFor: KeyLookup | undefined;
  return httpHandler(async (event) => {
    const { config, db } = deps();
    keyFor ??= githubKeyCache(config.leaks.githubKeysUrl);
    const now = new Date();
    const signature = {
      keyId: headerValue(event.headers, 'github-public-key-identifier'),
      signature: headerValue(event.headers, 'github-public-key-signature'),
    };
    // httpHandler hands over the body as UTF-8 text (decoded from base64 if need be): GitHub's JSON is
    // UTF-8, so encoding it again gives back exactly the bytes it signed.
    const raw = Buffer.from(event.body ?? '', 'utf8');
    if (!(await verifyGithubSignature(keyFor, signature, raw, now))) throw new ApiError('signature_invalid');
    const matches = parseBody(githubReportSchema, event.body, LEAK_REPORT_MAX_BYTES);
    const found = matches.map(({ token, url }) => (url === undefined ? { token } : { token, url }));
    return ok(
      await receiveLeakReport(db, config, found, { actor: 'github-secret-scanning', ip: sourceIp(event) }, now),
      202,
    );
  });
};

export const handler = reportGithubLeaksHandler(runtimeDeps);
