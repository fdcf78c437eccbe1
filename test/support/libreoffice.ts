import { execFileSync, spawnSync } from "child_process";
import { mkdirSync, writeFileSync } from "fs";
import path from "path";
import { tempDir } from "./tempDir";

/** Whether LibreOffice is here (soffice on PATH); under CI its absence is a failure, not a skip. */
export function haveSoffice(): boolean {
  const found = spawnSync("sh", ["-c", "command -v soffice"]).status === 0;
  if (!found && process.env.CI === "true") throw new Error("LibreOffice (soffice) is not installed, and CI=true: .ci/run must install libreoffice-calc");
  return found;
}

/** `it`, or `it.skip` with the reason printed when LibreOffice is missing (outside CI). */
export function itWithSoffice(what: string): jest.It {
  if (haveSoffice()) return it;
  process.stderr.write(`SKIPPED: ${what}: LibreOffice is not installed (apt-get install libreoffice-calc; required under CI=true)\n`);
  return it.skip;
}

/**
 * For the LibreOffice half of a test whose first half runs anywhere: true when soffice is here; otherwise
 * (outside CI) prints the same `SKIPPED:` line as `itWithSoffice` and returns false, so the caller stops there.
 */
export function sofficeOrSay(what: string): boolean {
  if (haveSoffice()) return true;
  process.stderr.write(`SKIPPED: ${what}: LibreOffice is not installed (apt-get install libreoffice-calc; required under CI=true)\n`);
  return false;
}

/** A LibreOffice profile that recalculates every formula when it loads an .xlsx (OOXMLRecalcMode 0 = always). */
export function recalcProfile(): string {
  const dir = tempDir("lo-profile-");
  const user = path.join(dir, "user");
  mkdirSync(user, { recursive: true });
  writeFileSync(
    path.join(user, "registrymodifications.xcu"),
    `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`,
  );
  return dir;
}

/** Opens `file` in headless LibreOffice, recalculates, and saves it as .xlsx in `outDir`; returns the new file's path. */
export function recalcWithLibreOffice(file: string, outDir: string, profile = recalcProfile()): string {
  execFileSync("soffice", [`-env:UserInstallation=file://${profile}`, "--headless", "--convert-to", "xlsx", "--outdir", outDir, file], { stdio: "pipe", timeout: 180000 });
  return path.join(outDir, path.basename(file));
}
