import { load } from 'js-yaml';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { esbuildTarget, lambdaRuntime } from '../../../local/service-definition';

/** `nodejs22.x` → `node22`: the esbuild target of a Lambda Node.js runtime. */
const targetOf = (runtime: string): string => runtime.replace(/^nodejs(\d+)\.x$/, 'node$1');

describe("esbuild's target", () => {
  it("is the Node version of the token service's Lambda runtime (and so of the benchmark's bundles)", () => {
    expect(lambdaRuntime()).toBe('nodejs22.x');
    expect(esbuildTarget()).toBe(targetOf(lambdaRuntime()));
  });

  it("is the Node version of examples/host-api's Lambda runtime", () => {
    const host = load(
      readFileSync(join(__dirname, '..', '..', '..', 'examples', 'host-api', 'serverless.yml'), 'utf8'),
    );
    const { provider, custom } = host as { provider: { runtime: string }; custom: { esbuild: { target: string } } };
    expect(custom.esbuild.target).toBe(targetOf(provider.runtime));
  });
});
