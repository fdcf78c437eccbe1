/** Unit tests run the month-end computation inline: jsdom has no Web Workers (the browser test runs the real one). */
export function startMonthEndWorker(): Worker | null {
  return null;
}
