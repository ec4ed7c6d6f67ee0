// The Settings screen: timeouts, retries and theme.
import { createSignal } from "solid-js";
import * as api from "../shared/api";
import type { AppSettings, ClientError, Theme } from "../bindings";

/** Follow the chosen theme, or the system's when the choice is "system". */
export function applyTheme(theme: Theme): void {
  const dark = theme === "dark" || (theme === "system" && window.matchMedia("(prefers-color-scheme: dark)").matches);
  document.documentElement.dataset.theme = dark ? "dark" : "light";
}

export function createSettings() {
  const [settings, setSettings] = createSignal<AppSettings | null>(null);
  const [error, setError] = createSignal<ClientError | null>(null);
  const [saved, setSaved] = createSignal(false);

  async function load(): Promise<void> {
    const loaded = await api.getSettings();
    setSettings(loaded);
    applyTheme(loaded.theme);
  }

  function edit(patch: Partial<AppSettings>): void {
    const current = settings();
    if (current) setSettings({ ...current, ...patch });
    setSaved(false);
  }

  async function save(): Promise<void> {
    const current = settings();
    if (!current) return;
    const result = await api.saveSettings(current);
    if (result.ok) {
      setError(null);
      setSaved(true);
      applyTheme(result.value.theme);
    } else {
      setError(result.error);
    }
  }

  return { settings, edit, save, error, saved, load };
}

export type Settings = ReturnType<typeof createSettings>;
