import { spawnSync } from "child_process";
import { mkdtempSync } from "fs";
import { rm } from "fs/promises";
import { tmpdir } from "os";
import path from "path";
import { BrowserContext, chromium } from "playwright-core";

/** Debian's chromium, as found on PATH (/usr/bin/chromium on Debian); null when it is not installed. */
function findChromium(): string | null {
  const r = spawnSync("sh", ["-c", "command -v chromium"], { encoding: "utf8" });
  return r.status === 0 && r.stdout.trim() ? r.stdout.trim() : null;
}

export const CHROMIUM = findChromium();

/**
 * Whether Debian's chromium is here. Without it the browser tests are skipped and say why; under CI=true
 * its absence fails the run instead (.ci/run installs it).
 */
export function haveChromium(): boolean {
  if (!CHROMIUM && process.env.CI === "true") throw new Error("chromium is not installed, and CI=true: .ci/run must install chromium (apt-get install chromium)");
  return CHROMIUM !== null;
}

/** `describe`, or `describe.skip` with the reason printed when chromium is missing (outside CI). */
export function describeWithChromium(what: string): jest.Describe {
  if (haveChromium()) return describe;
  process.stderr.write(`SKIPPED: ${what}: chromium is not installed (apt-get install chromium; required under CI=true)\n`);
  return describe.skip;
}

/** Headless Debian chromium with a fresh profile and no background network traffic. */
export async function launch(): Promise<BrowserContext> {
  if (!CHROMIUM) throw new Error("chromium is not installed");
  const profile = mkdtempSync(path.join(tmpdir(), "chromium-profile-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    acceptDownloads: true,
    viewport: { width: 520, height: 900 },
    locale: "en-US",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  profiles.set(context, profile);
  return context;
}

const profiles = new WeakMap<BrowserContext, string>();

/**
 * Closes a browser from `launch()` and then removes its profile (a profile removed while chromium was
 * still shutting down, on the context's "close" event, failed with ENOTEMPTY). A profile that still
 * cannot be removed is reported, not a test failure.
 */
export async function closeBrowser(context: BrowserContext | undefined): Promise<void> {
  if (!context) return;
  await context.close();
  const profile = profiles.get(context);
  if (profile) await rm(profile, { recursive: true, force: true, maxRetries: 5 }).catch((e: Error) => process.stderr.write(`note: could not remove ${profile}: ${e.message}\n`));
}
