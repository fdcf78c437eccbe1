import { promises as fsp } from "fs";
import path from "path";
import { WorkbookError } from "../cells";
import { XlsxPackage } from "./xlsxPackage";

/** Opens an .xlsx file from disk; a missing or unreadable file is a WorkbookError naming it. */
export async function openXlsxFile(file: string): Promise<XlsxPackage> {
  const name = path.basename(file);
  let data: Buffer;
  try {
    data = await fsp.readFile(file);
  } catch (e) {
    throw new WorkbookError({ file: name }, `cannot read the file (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  return XlsxPackage.load(data, name);
}

/** Writes bytes to `out` atomically: a temporary file beside it, then a rename, so no half-written file is ever left. */
export async function writeFileAtomic(out: string, data: Uint8Array): Promise<void> {
  const tmp = path.join(path.dirname(out), `.${path.basename(out)}.${process.pid}.tmp`);
  try {
    await fsp.writeFile(tmp, data);
    await fsp.rename(tmp, out);
  } catch (e) {
    await fsp.rm(tmp, { force: true });
    throw new WorkbookError({ file: path.basename(out) }, `cannot write the output file (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
}
