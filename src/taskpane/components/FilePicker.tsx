import * as React from "react";

/** A labelled button that opens the file chooser and hands over the chosen file (then resets, so the same file can be chosen again). */
export function FilePicker({ label, accept, onFile }: { label: string; accept: string; onFile: (f: File) => void | Promise<void> }) {
  return (
    <label className="file-button">
      {label}
      <input
        type="file"
        accept={accept}
        onChange={async (ev) => {
          const f = ev.target.files?.[0];
          ev.target.value = "";
          if (f) await onFile(f);
        }}
      />
    </label>
  );
}
