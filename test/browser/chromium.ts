import { execFile } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';

const ROOT = resolve(__dirname, '../..');
const DEBIAN_CHROMIUM = '/usr/bin/chromium';

const isExecutableFile = (path: string): boolean => {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
};

// @sparticuz/chromium is ESM only, which jest's module system cannot load: a plain node process unpacks it.
const UNPACK = `import chromium from '@sparticuz/chromium'; await chromium.executablePath();`;

/**
 * The Chromium build shipped inside the npm package `@sparticuz/chromium`, unpacked once per version into
 * node_modules/.cache (the package itself unpacks into the shared /tmp, where another version may sit).
 */
export const packagedChromium = async (): Promise<string> => {
  const packageDir = join(ROOT, 'node_modules/@sparticuz/chromium');
  const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string };
  const unpacked = join(ROOT, `node_modules/.cache/sparticuz-chromium-${version}`);
  const executable = join(unpacked, 'chromium');
  if (existsSync(executable)) return executable;

  await mkdir(dirname(unpacked), { recursive: true });
  // Unpacked beside its place and moved in at once: a run stopped half-way leaves no half-written browser.
  const partial = await mkdtemp(`${unpacked}-partial-`);
  try {
    await promisify(execFile)(process.execPath, ['--input-type=module', '-e', UNPACK], {
      cwd: ROOT,
      env: { ...process.env, TMPDIR: partial },
    });
    await rename(partial, unpacked).catch((error: NodeJS.ErrnoException) => {
      // another run unpacked it first
      if (!existsSync(executable)) throw error;
    });
  } finally {
    await rm(partial, { recursive: true, force: true });
  }
  return executable;
};

/** The Chromium the browser tests drive: CHROMIUM_PATH if set, else Debian's if installed, else the packaged one. */
export const chromiumExecutable = async (): Promise<string> => {
  const chosen = process.env.CHROMIUM_PATH;
  if (chosen !== undefined) {
    if (!isExecutableFile(chosen)) throw new Error(`CHROMIUM_PATH (${chosen}) is not an executable file`);
    return chosen;
  }
  return isExecutableFile(DEBIAN_CHROMIUM) ? DEBIAN_CHROMIUM : packagedChromium();
};
