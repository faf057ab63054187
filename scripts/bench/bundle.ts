import { build } from 'esbuild';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildWeb } from '../../local/web-build';

export interface BundleSize {
  name: string;
  bytes: number;
  /** Bytes in the bundle per npm package (or `(project)` for our own code), largest first. */
  byPackage: [string, number][];
}

const FUNCTIONS_DIR = 'functions';

/** The Lambda entry points: functions/*.ts that export `handler` (helpers such as http.ts do not). */
const lambdaEntries = async (): Promise<string[]> => {
  const files = (await readdir(FUNCTIONS_DIR)).filter((file) => file.endsWith('.ts')).sort();
  const entries: string[] = [];
  for (const file of files) {
    const source = await readFile(join(FUNCTIONS_DIR, file), 'utf8');
    if (/^export (const|async function|function) handler\b/m.test(source)) entries.push(join(FUNCTIONS_DIR, file));
  }
  return entries;
};

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
const bundleOne = async (entry: string): Promise<BundleSize> => {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    sourcemap: false,
    platform: 'node',
    target: 'node20',
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
  };
};

export const bundleSizes = async (): Promise<BundleSize[]> => Promise.all((await lambdaEntries()).map(bundleOne));

export interface AssetSize {
  name: string;
  bytes: number;
  gzipBytes: number;
}

/** The settings page's shipped files (source maps aside), as `npm run build:web` makes them. */
export const webAssetSizes = async (): Promise<AssetSize[]> => {
  const outdir = await mkdtemp(join(tmpdir(), 'web-'));
  try {
    await buildWeb(outdir);
    const files = (await readdir(outdir)).filter((file) => !file.endsWith('.map')).sort();
    return await Promise.all(
      files.map(async (name) => {
        const content = await readFile(join(outdir, name));
        return { name, bytes: content.byteLength, gzipBytes: gzipSync(content, { level: 9 }).byteLength };
      }),
    );
  } finally {
    await rm(outdir, { recursive: true, force: true });
  }
};
