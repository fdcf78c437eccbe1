import { promises as fsp } from "fs";
import path from "path";
import { WorkbookError } from "../cells";
import { XlsxPackage } from "./xlsxPackage";
import { FileBackend } from "./fileBackend";

/** Opens an .xlsx file from disk; a missing or unreadable file is a WorkbookError naming it. */
export async function openXlsxFile(file: string): Promise<XlsxPackage> {
  return XlsxPackage.load(await readInput(file), path.basename(file));
}

/** The same file as a workbook backend (what the month-end run works on). */
export async function openFileBackend(file: string): Promise<FileBackend> {
  return FileBackend.open(await readInput(file), path.basename(file));
}

/** A file's bytes; a missing or unreadable file is a WorkbookError naming it. */
export async function readInput(file: string): Promise<Buffer> {
  try {
    return await fsp.readFile(file);
  } catch (e) {
    throw new WorkbookError({ file: path.basename(file) }, `cannot read the file (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
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
