/** Starts the month-end Web Worker (its own bundle, built by webpack from this URL); null where workers are not available. */
export function startMonthEndWorker(): Worker | null {
  if (typeof Worker === "undefined") return null;
  return new Worker(/* webpackChunkName: "month-end-worker" */ new URL("./monthEnd.worker.ts", import.meta.url));
}
