import { build } from 'esbuild';
import { readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { esbuildTarget } from '../local/service-definition';

export interface BundleSize {
  name: string;
  bytes: number;
  /** Bytes in the bundle per npm package (or `(project)` for our own code), largest first. */
  byPackage: [string, number][];
  /** The bundle itself, for the cold-start measurement. */
  code: Uint8Array;
}

const FUNCTIONS_DIR = 'functions';

/** The Lambda entry points: every file in functions/ is one. */
const lambdaEntries = async (): Promise<string[]> =>
  (await readdir(FUNCTIONS_DIR))
    .filter((file) => file.endsWith('.ts'))
    .sort()
    .map((file) => join(FUNCTIONS_DIR, file));

const packageOf = (inputPath: string): string => {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(inputPath);
  return match?.[1] ?? '(project)';
};

const byPackage = (inputs: Record<string, { bytesInOutput: number }>): [string, number][] => {
  const totals = new Map<string, number>();
  for (const [path, { bytesInOutput }] of Object.entries(inputs)) {
    totals.set(packageOf(path), (totals.get(packageOf(path)) ?? 0) + bytesInOutput);
  }
  return [...totals].sort((a, b) => b[1] - a[1]);
};

// The options of serverless.yml's custom.esbuild: bundled, minified, nothing external (not even the AWS SDK).
/** One entry point bundled as serverless-esbuild bundles a Lambda. */
export const bundleEntry = async (entry: string): Promise<BundleSize> => {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    sourcemap: false,
    platform: 'node',
    target: esbuildTarget(),
    mainFields: ['module', 'main'],
    external: [],
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const output = Object.values(result.metafile.outputs)[0];
  return {
    name: basename(entry, '.ts'),
    bytes: result.outputFiles.reduce((sum, file) => sum + file.contents.byteLength, 0),
    byPackage: output === undefined ? [] : byPackage(output.inputs),
    code: result.outputFiles[0]?.contents ?? new Uint8Array(),
  };
};

/** Every Lambda's bundle as serverless-esbuild makes it, in the order of their file names. */
export const bundleSizes = async (): Promise<BundleSize[]> => Promise.all((await lambdaEntries()).map(bundleEntry));
