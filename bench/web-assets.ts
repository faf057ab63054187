import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildWeb } from '../local/web-build';

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
