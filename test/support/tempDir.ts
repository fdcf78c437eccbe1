import { mkdtempSync, rmSync } from "fs";
import { tmpdir } from "os";
import path from "path";

const made: string[] = [];
const removeAll = () => {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true, maxRetries: 2 });
};
// Under Jest this module is loaded afresh for each test file while the file is collected, so its
// directories go when that file's tests are done (Jest's sandboxed `process` never sees the worker
// exit). Elsewhere (the bench, the fixture script) they go when the process exits.
if (typeof afterAll === "function") afterAll(removeAll);
else process.on("exit", removeAll);

/**
 * A fresh directory under the system temp folder, removed after the test file (or the process). Tests
 * used to leave every directory behind: a few hundred per `npm test`, with workbooks, browser
 * profiles and LibreOffice profiles in them.
 */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}
