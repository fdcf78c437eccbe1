/** An .xlsx file's (or a JSON text's) bytes as they cross to or from a Web Worker: the buffer is transferred, not copied. */
export interface FileTransfer {
  buffer: ArrayBuffer;
  byteOffset: number;
  byteLength: number;
}

export const toTransfer = (b: Uint8Array): FileTransfer => ({ buffer: b.buffer as ArrayBuffer, byteOffset: b.byteOffset, byteLength: b.byteLength });
export const fromTransfer = (t: FileTransfer): Uint8Array => new Uint8Array(t.buffer, t.byteOffset, t.byteLength);

/** Text as a transferable UTF-8 buffer, and back. */
export const textToTransfer = (text: string): FileTransfer => toTransfer(new TextEncoder().encode(text));
export const textFromTransfer = (t: FileTransfer): string => new TextDecoder().decode(fromTransfer(t));
