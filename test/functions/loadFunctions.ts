import { readFileSync } from "fs";
import { join } from "path";
import vm from "vm";

export class StubError {
  constructor(
    readonly code: string,
    readonly message?: string,
  ) {}
}

export const ErrorCode = { invalidValue: "#VALUE!", notAvailable: "#N/A", divisionByZero: "#DIV/0!", invalidNumber: "#NUM!", nullReference: "#NULL!", invalidName: "#NAME?", invalidReference: "#REF!" };

export type Fn = (...args: unknown[]) => unknown;

/**
 * Evaluates the built dist/functions.js in a fresh context that has only the
 * standard JavaScript globals and a stub `CustomFunctions` (plus whatever
 * `extra` adds), and returns the functions it registered.
 */
export function loadFunctions(extra: Record<string, unknown> = {}): { fns: Record<string, Fn>; context: vm.Context } {
  const code = readFileSync(join(__dirname, "..", "..", "dist", "functions.js"), "utf8");
  const fns: Record<string, Fn> = {};
  const CustomFunctions = { associate: (id: string, f: Fn) => (fns[id] = f), Error: StubError, ErrorCode };
  const context = vm.createContext({ CustomFunctions, ...extra });
  vm.runInContext(code, context, { filename: "functions.js" });
  return { fns, context };
}

/** Calls a function and returns its value, or the error it threw as { code, message }. */
export function call(f: Fn, ...args: unknown[]): unknown {
  try {
    return f(...args);
  } catch (e) {
    if (e instanceof StubError) return { code: e.code, message: e.message };
    throw e;
  }
}
