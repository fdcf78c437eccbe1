// --out is never the input (not by path, symbolic link or hard link), and the output appears whole or not at all.
import { createHash } from "crypto";
import { copyFileSync, existsSync, linkSync, readFileSync, readdirSync, symlinkSync } from "fs";
import path from "path";
import { promises as fsp } from "fs";
import { writeAll, writeFileAtomic } from "../../src/cli/outFile";
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

describe("the pieces of the output file", () => {
  const dir = tmp();
  let seed = 3;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const pieces = Array.from({ length: 1500 }, (_, k) => Uint8Array.from({ length: k % 7 === 0 ? 0 : Math.floor(rnd() * 3000) }, () => Math.floor(rnd() * 256)));
  const whole = Buffer.concat(pieces);

  it("are written in order, gathered in batches, whole", async () => {
    const f = path.join(dir, "gathered.bin");
    const h = await fsp.open(f, "w");
    await writeAll(h, pieces, 100);
    await h.close();
    expect(readFileSync(f).equals(whole)).toBe(true);
  });

  it("a short write is continued where it stopped, inside a piece or between pieces", async () => {
    for (const limit of [1, 999, 4096, 100000]) {
      const f = path.join(dir, `short-${limit}.bin`);
      const h = await fsp.open(f, "w");
      let calls = 0;
      // A handle whose writev writes at most `limit` bytes of what it is given.
      const short = {
        writev: async (bufs: Uint8Array[]) => {
          calls++;
          let room = limit;
          const part: Uint8Array[] = [];
          for (const b of bufs) {
            if (room <= 0) break;
            part.push(b.subarray(0, room));
            room -= Math.min(room, b.length);
          }
          return h.writev(part);
        },
      } as unknown as fsp.FileHandle;
      await writeAll(short, limit === 1 ? pieces.slice(0, 40) : pieces, 64);
      await h.close();
      expect(readFileSync(f).equals(limit === 1 ? Buffer.concat(pieces.slice(0, 40)) : whole)).toBe(true);
      expect(calls).toBeGreaterThan(1);
    }
  });
});

describe("work done while the output file is written (the command line formats its report meanwhile)", () => {
  const dir = tmp();
  const pieces = Array.from({ length: 40 }, (_, k) => new Uint8Array(50_000).fill(k));
  const whole = Buffer.concat(pieces);

  it("runs before the file is in place, its result comes back once the file is whole", async () => {
    const out = path.join(dir, "meanwhile.bin");
    let sawOut = true;
    const got = await writeFileAtomic(out, pieces, () => {
      sawOut = existsSync(out);
      return "report";
    });
    expect(sawOut).toBe(false);
    expect(got).toBe("report");
    expect(readFileSync(out).equals(whole)).toBe(true);
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("its error comes out after the file is written whole, as when the work came after the write", async () => {
    const out = path.join(dir, "meanwhile-throws.bin");
    await expect(
      writeFileAtomic(out, pieces, () => {
        throw new Error("formatting failed");
      }),
    ).rejects.toThrow("formatting failed");
    expect(readFileSync(out).equals(whole)).toBe(true);
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("a failed write is the write's one-line error, whatever the work returned", async () => {
    const out = path.join(dir, "no", "such", "out.bin");
    await expect(writeFileAtomic(out, pieces, () => "report")).rejects.toThrow(/out\.bin: cannot write the output file \(ENOENT\)/);
  });
});
