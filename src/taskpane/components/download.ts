/**
 * Where a file download cannot work (the Mac webview of Excel ignores
 * downloads), exports go through this instead; it resolves with a line to
 * show the user (where the data went).
 */
export type SaveElsewhere = (text: string, name: string) => Promise<string>;

let elsewhere: SaveElsewhere | null = null;
let tell: (message: string) => void = () => undefined;

/** Routes every text export (CSV) through `save` (null: back to downloads); `onMessage` shows its outcome. */
export function saveElsewhere(save: SaveElsewhere | null, onMessage: (message: string) => void = () => undefined): void {
  elsewhere = save;
  tell = onMessage;
}

/** Offers bytes or text to the user as a file download, or, where downloads do not work, saves text as saveElsewhere says. */
export function download(data: Uint8Array | string, name: string, type: string): void {
  if (elsewhere && typeof data === "string") {
    const save = elsewhere;
    const message = tell;
    void save(data, name).then(message, (e) => message(`${name} could not be saved: ${e instanceof Error ? e.message : String(e)}`));
    return;
  }
  const blob = new Blob([typeof data === "string" ? data : new Uint8Array(data)], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
