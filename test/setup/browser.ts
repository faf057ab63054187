import { chromiumExecutable } from '../browser/chromium';
import { setUp } from './running';
import { startService } from './service';

/** The browser tests' set-up: the service (shared with e2e) and a Chromium, unpacked once before the workers start. */
export default (): Promise<void> =>
  setUp(async () => {
    await chromiumExecutable();
    await startService();
  });
