/* global Office */

/** Resolves with "excel" when the page runs inside Excel, or null elsewhere (no Office.js, or Office.onReady's host is null). */
export function officeHost(): Promise<"excel" | null> {
  if (typeof Office === "undefined") return Promise.resolve(null);
  return new Promise((resolve) => Office.onReady((info) => resolve(info.host === Office.HostType.Excel ? "excel" : null)));
}
