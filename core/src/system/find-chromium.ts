import { accessSync, constants } from 'node:fs';

/** Where Debian and common distributions put Chromium; `AUTODOC_CHROMIUM` wins. */
const candidates = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const list = env.AUTODOC_CHROMIUM ? [env.AUTODOC_CHROMIUM] : candidates;
  for (const path of list) {
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      // try the next one
    }
  }
  return undefined;
}
