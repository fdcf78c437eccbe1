import fs from "fs";
import os from "os";
import path from "path";
import { MessageChannel, Worker, receiveMessageOnPort } from "worker_threads";
import { ChunkCells } from "./fastSheet";
import { TailScanner } from "./sheetReader";

/**
 * The command line's helper for reading a large sheet on the machine's second core: a worker thread
 * (`scanWorker.js`, compiled next to this file) started when a large part is about to be inflated, so
 * that its start-up and warm-up overlap the inflating; one worker per part, stopped once the part is
 * read. The reading thread takes the worker's chunks without waiting (`receiveMessageOnPort`) and
 * tells it where it is through shared memory. Null where the compiled worker is not there (the
 * TypeScript sources under Jest) or the machine has one core; and not used when no core was idle
 * while the part was inflated (`worthIt`, unless `whenBusy`): the reader then reads on one thread.
 */
export function workerTailScanner(options: { file?: string; whenBusy?: boolean } = {}): TailScanner | null {
  const file = options.file ?? path.join(__dirname, "scanWorker.js");
  if (!fs.existsSync(file)) return null;
  const whenBusy = options.whenBusy ?? false;
  if (!whenBusy && busy()) return null;
  let idle: Worker | null = null;
  // The machine's idle CPU from here (the file opened) to warm(), and from warm() to worthIt().
  let since: CpuTimes | null = cpuTimes();
  let free = true;
  const spawn = (): Worker | null => {
    try {
      const w = new Worker(file);
      w.on("error", () => undefined); // the reading thread reads on itself
      w.unref(); // never keeps the process alive
      return w;
    } catch {
      return null;
    }
  };
  return {
    warm() {
      // Idle CPU since the file was opened (this thread reading the small sheets): no worker at all
      // when the other core was busy (its start-up alone is about 120 ms of CPU).
      const now = cpuTimes();
      free = whenBusy || spareCores(since, now) >= 0.3;
      since = now;
      if (free) idle ??= spawn();
    },
    worthIt() {
      // Idle CPU while the part was inflated (this thread busy inflating, the worker starting): a core
      // that other work keeps busy would be taken from this thread rather than added to it.
      return whenBusy || (free && spareCores(since, cpuTimes()) >= 0.1);
    },
    release() {
      if (idle) void idle.terminate();
      idle = null;
    },
    start(w: Uint8Array, prelude: number, starts: number[], strings: readonly string[]) {
      const worker = idle ?? spawn();
      idle = null;
      const reached = new Int32Array(new SharedArrayBuffer(4));
      reached[0] = -1;
      const { port1, port2 } = new MessageChannel();
      let open = worker !== null;
      if (worker) {
        try {
          worker.postMessage({ w, prelude, starts, strings, reached, port: port2 }, [w.buffer as ArrayBuffer, port2]);
        } catch {
          open = false;
        }
      }
      return {
        reached(j: number) {
          Atomics.store(reached, 0, j);
        },
        take(): ChunkCells[] {
          const out: ChunkCells[] = [];
          if (!open) return out;
          for (let m = receiveMessageOnPort(port1); m; m = receiveMessageOnPort(port1)) out.push(m.message as ChunkCells);
          return out;
        },
        stop() {
          Atomics.store(reached, 0, 1 << 30);
          port1.close();
          if (worker) void worker.terminate();
        },
      };
    },
  };
}

/** One core: no second one to use. */
function busy(): boolean {
  return (os.availableParallelism?.() ?? os.cpus().length) < 2;
}

/*
 * Whether the second core is free is measured, not assumed: the idle CPU time of the whole machine
 * (/proc/stat) while the part is inflated, from warm() to worthIt(). On the shared 2-core machine at
 * load 4-7 the worker took CPU from the reading thread rather than adding a core (the read phase's
 * main-thread CPU went down, its wall time up by half or more): with less than 0.1 of a core idle then
 * the part is read on one thread as before.
 */
interface CpuTimes {
  at: number;
  idle: number;
}

/** The machine's idle CPU time so far (Linux: /proc/stat, in clock ticks of 10 ms), or null. */
function cpuTimes(): CpuTimes | null {
  try {
    const line = fs.readFileSync("/proc/stat", "latin1").split("\n", 1)[0];
    const f = line.trim().split(/\s+/);
    if (f[0] !== "cpu" || f.length < 6) return null;
    return { at: performance.now(), idle: Number(f[4]) + Number(f[5]) };
  } catch {
    return null;
  }
}

/** Idle cores on average between two readings; when unknown (no /proc/stat, or under 50 ms apart: a few clock ticks), what the load average leaves. */
function spareCores(a: CpuTimes | null, b: CpuTimes | null): number {
  if (!a || !b || b.at - a.at < 50) return Math.max(0, (os.availableParallelism?.() ?? os.cpus().length) - os.loadavg()[0] - 1);
  return ((b.idle - a.idle) * 10) / (b.at - a.at);
}
