import { spawnSync } from "child_process";
import { mkdtempSync } from "fs";
import { tmpdir } from "os";
import path from "path";
import { BrowserContext, chromium } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";

/** Whether Debian's chromium is here; under CI its absence is a failure, not a skip. */
export function haveChromium(): boolean {
  const found = spawnSync("sh", ["-c", `test -x ${CHROMIUM}`]).status === 0;
  if (!found && process.env.CI === "true") throw new Error(`${CHROMIUM} is not installed, and CI=true: .ci/run must install chromium`);
  return found;
}

/** Headless Debian chromium with a fresh profile and no background network traffic. */
export function launch(): Promise<BrowserContext> {
  return chromium.launchPersistentContext(mkdtempSync(path.join(tmpdir(), "chromium-profile-")), {
    executablePath: CHROMIUM,
    headless: true,
    acceptDownloads: true,
    viewport: { width: 520, height: 900 },
    locale: "en-US",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}
