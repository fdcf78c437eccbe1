import * as React from "react";
import { Button, Field, Input, Select, Spinner } from "@fluentui/react-components";
import { SETTING_DEFINITIONS, SettingKey } from "../../../engine";
import { WorkbookBackend } from "../../../workbook/backend";
import { CONTRACT } from "../../../workbook/contract";
import { readSettings, settingsCells } from "../../../workbook/settingsSheet";
import { Note, Problem, messageOf } from "../../components/ErrorText";
import { SettingsDraft, checkSettings, defaultText, draftFromSettings } from "./settingsDraft";

type Loaded = { draft: SettingsDraft; sheet: string | null; readError: string | null };

/**
 * Shows and edits the workbook's Fee Settings (the FeeSettings table or Fee
 * Settings sheet): each setting with its choices from the engine's registries,
 * blank meaning the built-in default. FEE formulas and the month end read them
 * when an argument or flag does not say otherwise.
 */
export function SettingsFeature({ backend }: { backend: WorkbookBackend }) {
  const [loaded, setLoaded] = React.useState<Loaded | null>(null);
  const [draft, setDraft] = React.useState<SettingsDraft | null>(null);
  const [busy, setBusy] = React.useState(false);
  const [saved, setSaved] = React.useState<string | null>(null);
  const [failure, setFailure] = React.useState<string | null>(null);

  const load = React.useCallback(async () => {
    setFailure(null);
    try {
      const block = await backend.readBlock("settings");
      let readError: string | null = null;
      let settings = {};
      if (block) {
        try {
          settings = readSettings(block, await backend.dateSystem());
        } catch (e) {
          readError = messageOf(e);
        }
      }
      const d = draftFromSettings(settings);
      setLoaded({ draft: d, sheet: block?.sheet ?? null, readError });
      setDraft(d);
    } catch (e) {
      setFailure(messageOf(e));
    }
  }, [backend]);

  React.useEffect(() => void load(), [load]);

  if (failure) return <Problem title="Cannot read the Fee Settings">{failure}</Problem>;
  if (!loaded || !draft) return <Spinner label="Reading the Fee Settings…" />;

  const { settings, issues } = checkSettings(draft);
  const changed = SETTING_DEFINITIONS.some((d) => draft[d.key] !== loaded.draft[d.key]);
  const set = (key: SettingKey, value: string) => {
    setSaved(null);
    setDraft({ ...draft, [key]: value });
  };
  const save = async () => {
    if (!backend.writeBlock) return;
    setBusy(true);
    setFailure(null);
    try {
      await backend.writeBlock("settings", settingsCells(settings, await backend.dateSystem()));
      setSaved(`Saved the Fee Settings to ${loaded.sheet ?? CONTRACT.settings.sheet}.`);
      await load();
    } catch (e) {
      setFailure(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="stack">
      <p className="caption">
        {loaded.sheet ? `From the sheet “${loaded.sheet}”.` : `This workbook has no Fee Settings yet: saving adds a “${CONTRACT.settings.sheet}” sheet.`} A blank setting uses the default. A FEE argument or a
        command-line flag overrides a setting.
      </p>
      {loaded.readError && (
        <Problem title="A Fee Settings row is not valid">
          {loaded.readError} Formulas that would use a setting show this error until it is fixed; saving here rewrites the rows.
        </Problem>
      )}
      {SETTING_DEFINITIONS.map((d) => {
        const hint = `${d.description} Default: ${defaultText(d)}.`;
        const issue = issues[d.key];
        return (
          <Field key={d.key} label={d.label} hint={hint} validationState={issue ? "error" : undefined} validationMessage={issue}>
            {d.choices ? (
              <Select value={draft[d.key]} onChange={(_, v) => set(d.key, v.value)} aria-label={d.label}>
                <option value="">(default: {defaultText(d)})</option>
                {d.choices.map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
              </Select>
            ) : (
              <Input
                value={draft[d.key]}
                type={d.kind === "date" ? "date" : "text"}
                inputMode={d.kind === "amount" ? "decimal" : undefined}
                placeholder={defaultText(d)}
                aria-label={d.label}
                onChange={(_, v) => set(d.key, v.value)}
              />
            )}
          </Field>
        );
      })}
      <div className="row">
        <Button appearance="primary" disabled={busy || !changed || Object.keys(issues).length > 0 || !backend.writeBlock} onClick={() => void save()}>
          Save settings
        </Button>
        <Button disabled={busy || !changed} onClick={() => setDraft(loaded.draft)}>
          Discard changes
        </Button>
      </div>
      {busy && <Spinner label="Saving…" />}
      {saved && <Note intent="success">{saved}</Note>}
    </div>
  );
}
