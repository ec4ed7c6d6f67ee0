// The Settings screen: timeouts, retries and theme.
import { createSignal } from "solid-js";
import * as api from "../shared/api";
import type { AppSettings, Theme } from "../bindings";
import { createAction, type Outcome } from "../shared/action";
import { unexpectedError, type AppError } from "../shared/errors";

/** Follow the chosen theme, or the system's when the choice is "system". */
export function applyTheme(theme: Theme): void {
  const dark = theme === "dark" || (theme === "system" && window.matchMedia("(prefers-color-scheme: dark)").matches);
  document.documentElement.dataset.theme = dark ? "dark" : "light";
}

export function createSettings() {
  const [settings, setSettings] = createSignal<AppSettings | null>(null);
  const [loadError, setLoadError] = createSignal<AppError | null>(null);
  const [saved, setSaved] = createSignal(false);

  async function load(): Promise<void> {
    try {
      const loaded = await api.getSettings();
      setSettings(loaded);
      setLoadError(null);
      applyTheme(loaded.theme);
    } catch (thrown) {
      setLoadError(unexpectedError(thrown));
    }
  }

  function edit(patch: Partial<AppSettings>): void {
    const current = settings();
    if (current) setSettings({ ...current, ...patch });
    setSaved(false);
  }

  const saving = createAction(async (): Promise<Outcome<null>> => {
    const current = settings();
    if (!current) return { ok: true, value: null };
    const result = await api.saveSettings(current);
    if (!result.ok) return result;
    setSaved(true);
    applyTheme(result.value.theme);
    return { ok: true, value: null };
  });

  const error = () => saving.error() ?? loadError();

  return { settings, edit, save: () => saving.run(), saving: saving.busy, error, saved, load };
}

export type Settings = ReturnType<typeof createSettings>;
