// Locating and running headless Chromium (Debian package `chromium`) for the PDF reporter.
import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';

export const CHROMIUM_MISSING = 'PDF needs Chromium: apt-get install chromium';

/** The Chromium to use: explicit path, $UKCORE_CHECK_CHROMIUM, or the first of the usual install paths that exists. */
export function findChromium(explicit?: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const candidates = explicit ? [explicit] : [env.UKCORE_CHECK_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']
    .filter((c): c is string => Boolean(c));
  return candidates.find((c) => {
    try {
      accessSync(c, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** Flags that keep headless Chromium from touching the network or the user's profile. */
export function quietChromiumFlags(userDataDir: string): string[] {
  return [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-extensions',
    '--disable-default-apps',
    '--no-first-run',
    '--no-default-browser-check',
    '--mute-audio',
    `--user-data-dir=${userDataDir}`,
  ];
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
  error?: string;
}

/** Runs Chromium with a timeout; never throws. */
export function runChromium(bin: string, args: string[], timeoutMs = 120_000): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(bin, args, { timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      // execFile puts the exit status in err.code (a number), or an errno string when it could not start.
      const status = (err as { code?: unknown } | null)?.code;
      resolve({ code: !err ? 0 : typeof status === 'number' ? status : 1, stdout, stderr, error: err?.message });
    });
  });
}
