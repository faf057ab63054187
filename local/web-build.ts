import { build } from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

export const WEB_OUT_DIR = 'dist/web';

/** Builds the settings page into static assets: index.html, app.js and app.css. */
export const buildWeb = async (outdir = WEB_OUT_DIR): Promise<void> => {
  mkdirSync(outdir, { recursive: true });
  await build({
    entryPoints: { app: 'web/src/main.tsx' },
    outdir,
    bundle: true,
    minify: true,
    sourcemap: true,
    format: 'esm',
    target: ['es2022'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    tsconfig: 'web/tsconfig.json',
    logLevel: 'warning',
  });
  copyFileSync('web/index.html', join(outdir, 'index.html'));
};

if (require.main === module) {
  buildWeb(process.argv[2]).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
