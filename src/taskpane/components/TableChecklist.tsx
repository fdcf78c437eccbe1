import * as React from "react";
import { Button, Spinner, Subtitle2 } from "@fluentui/react-components";
import { CheckmarkCircleFilled, DismissCircleRegular } from "@fluentui/react-icons";
import { WorkbookBackend } from "../../workbook/backend";
import { CONTRACT, CellBlock } from "../../workbook/contract";
import { messageOf } from "./ErrorText";

type Needed = "schedule" | "netAssets" | "invoices";
const KINDS: Needed[] = ["schedule", "netAssets", "invoices"];
const TITLES: Record<Needed, string> = { schedule: "Fee schedule", netAssets: "Net assets", invoices: "Invoices" };

const dataRows = (b: CellBlock) => b.rows.filter((r) => r.some((c) => c !== null && c !== undefined && String(c).trim() !== "")).length;

/** Which of the three tables month end needs are in the workbook (null while reading). */
export function useContractTables(backend: WorkbookBackend, revision: number) {
  const [found, setFound] = React.useState<Record<Needed, number | null> | null>(null);
  const [failure, setFailure] = React.useState<string | null>(null);
  React.useEffect(() => {
    let live = true;
    void (async () => {
      try {
        const blocks = await Promise.all(KINDS.map((k) => backend.readBlock(k)));
        if (live) setFound(Object.fromEntries(KINDS.map((k, i) => [k, blocks[i] ? dataRows(blocks[i]!) : null])) as Record<Needed, number | null>);
      } catch (e) {
        if (live) setFailure(messageOf(e));
      }
    })();
    return () => {
      live = false;
    };
  }, [backend, revision]);
  return { found, failure, missing: found ? KINDS.filter((k) => found[k] === null) : [] };
}

/**
 * The three tables month end needs, each either present (with its row count)
 * or missing with a one-click "add an empty one with headers".
 */
export function TableChecklist({ backend, found, onAdded }: { backend: WorkbookBackend; found: Record<Needed, number | null> | null; onAdded: () => void }) {
  const [busy, setBusy] = React.useState<Needed | null>(null);
  const [failure, setFailure] = React.useState<string | null>(null);
  const add = async (kind: Needed) => {
    setBusy(kind);
    setFailure(null);
    try {
      const spec = CONTRACT[kind];
      if (kind === "schedule") await backend.writeSchedule([]);
      else
        await backend.writeSheets([
          { name: spec.sheet, rows: [spec.columns.map((c) => ({ value: c, bold: true }))], widths: spec.columns.map((c) => Math.max(14, c.length + 4)), frozenRows: 1, table: { name: spec.table, columns: [...spec.columns] } },
        ]);
      onAdded();
    } catch (e) {
      setFailure(messageOf(e));
    } finally {
      setBusy(null);
    }
  };
  if (!found) return <Spinner size="tiny" label="Checking the workbook's tables…" />;
  return (
    <section aria-labelledby="checklist-title" className="checklist">
      <Subtitle2 as="h2" id="checklist-title">
        What month end needs
      </Subtitle2>
      <ul>
        {KINDS.map((k) => {
          const n = found[k];
          const spec = CONTRACT[k];
          return (
            <li key={k} className="checklist-item">
              {n !== null ? <CheckmarkCircleFilled className="ok-icon" aria-hidden="true" /> : <DismissCircleRegular className="missing-icon" aria-hidden="true" />}
              <span className="grow">
                <strong>{TITLES[k]}</strong>: {n !== null ? `${n.toLocaleString("en-US")} row${n === 1 ? "" : "s"}` : "missing"}
                <span className="caption"> — table {spec.table} or sheet “{spec.sheet}”: {spec.columns.join(", ")}</span>
              </span>
              {n === null && (
                <Button size="small" disabledFocusable={busy !== null} onClick={() => void add(k)}>
                  Add an empty {TITLES[k].toLowerCase()} table
                </Button>
              )}
            </li>
          );
        })}
      </ul>
      {failure && <p role="alert" className="error-text">{failure}</p>}
    </section>
  );
}
