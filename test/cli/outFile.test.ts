// --out is never the input (not by path, symbolic link or hard link), and the output appears whole or not at all.
import { createHash } from "crypto";
import { copyFileSync, linkSync, readFileSync, readdirSync, symlinkSync } from "fs";
import path from "path";
import { SAMPLE, mgmtfee, tmp } from "./helpers";

const sha = (f: string) => createHash("sha256").update(readFileSync(f)).digest("hex");

describe("--out file safety", () => {
  const dir = tmp();
  const input = path.join(dir, "book.xlsx");
  copyFileSync(SAMPLE, input);
  const before = sha(input);

  it.each([
    ["a symbolic link to the input", (p: string) => symlinkSync(input, p), /--out must not be the input file: the input is never modified \(.* is a link to it\)/],
    ["a hard link to the input", (p: string) => linkSync(input, p), /--out must not be the input file: the input is never modified \(.* is a hard link to it\)/],
    ["the input by another spelling of its path", (p: string) => p, /--out must not be the input file/],
  ])("refuses %s", (_what, make, message) => {
    const out = path.join(dir, `out-${Math.random().toString(36).slice(2)}.xlsx`);
    const target = make(out);
    const r = mgmtfee("reconcile", input, "--month", "2024-01", "--out", typeof target === "string" ? path.join(dir, ".", "..", path.basename(dir), "book.xlsx") : out);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(sha(input)).toBe(before);
  });

  it("writes through a temporary file with a random name and leaves none behind", () => {
    const out = path.join(dir, "result.xlsx");
    const r = mgmtfee("reconcile", input, "--month", "2024-01", "--out", out);
    expect(r.code).toBe(1);
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    expect(sha(input)).toBe(before);
    expect(readFileSync(out).subarray(0, 2).toString()).toBe("PK");
  });

  it("an output folder that does not exist is a one-line error and nothing is written", () => {
    const r = mgmtfee("reconcile", input, "--month", "2024-01", "--out", path.join(dir, "no", "such", "out.xlsx"));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/out\.xlsx: cannot write the output file \(ENOENT\)/);
  });
});
