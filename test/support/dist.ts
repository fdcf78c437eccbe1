import { readdirSync } from "fs";
import path from "path";

export const DIST = path.join(__dirname, "..", "..", "dist");

/**
 * The built file of an entry point: production names carry a content hash (taskpane.1a2b3c4d.js), so look it up
 * rather than spell it. `entry` is the webpack entry name, `ext` ".js" or ".css".
 */
export function distFile(entry: string, ext: string, dir = DIST): string {
  const re = new RegExp(`^${entry.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\.[0-9a-f]{8}${ext.replace(".", "\\.")}$`);
  const found = readdirSync(dir).filter((f) => re.test(f));
  if (found.length !== 1) throw new Error(`expected one ${entry}.<hash>${ext} in ${dir}, found ${found.length ? found.join(", ") : "none"}: run npm run build`);
  return path.join(dir, found[0]);
}
