/** A CSV field; text that a spreadsheet would run as a formula (=, +, -, @, tab, CR) is prefixed with ' so it stays text. */
export function csvField(text: string, guardFormula: boolean): string {
  const safe = guardFormula && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) || safe !== safe.trim() ? `"${safe.replace(/"/g, '""')}"` : safe;
}
