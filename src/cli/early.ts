import { inputOf, prefetchInput } from "../workbook/xlsx/inputPrefetch";

let started = false;

/**
 * Starts reading the input file of the command line `argv` (inputPrefetch.ts), once per process: the
 * loader (loader.ts) calls it before it compiles the bundle, the entry (main.ts) again when it is run
 * unbundled. Only the commands that read a workbook first (reconcile, calendar, accrue of a workbook).
 */
export function readInputEarly(argv: readonly string[]): void {
  if (started) return;
  started = true;
  const [command] = argv;
  const input = command === "reconcile" || command === "calendar" || command === "accrue" ? inputOf(argv, ["json"]) : undefined;
  if (input !== undefined && !(command === "accrue" && /\.csv$/i.test(input))) prefetchInput(input);
}
