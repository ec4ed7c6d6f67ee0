import { Show } from "solid-js";
import type { RetryStrategy, Theme } from "../bindings";
import { ErrorCard } from "../shared/ErrorCard";
import type { Settings } from "./store";

function NumberSetting(props: { label: string; hint: string; value: number; testId: string; onInput: (n: number) => void }) {
  return (
    <div class="param">
      <label for={props.testId}>{props.label}</label>
      <input
        type="number"
        id={props.testId}
        aria-describedby={`${props.testId}-hint`}
        data-testid={props.testId}
        value={props.value}
        onInput={(e) => { props.onInput(Number(e.currentTarget.value)); }}
      />
      <p class="muted" id={`${props.testId}-hint`}>
        {props.hint}
      </p>
    </div>
  );
}

export function SettingsPage(props: { settings: Settings }) {
  const settings = props.settings;
  return (
    <main class="settings-page" data-testid="settings-page">
      <h2>Settings</h2>
      <Show when={settings.error()}>{(error) => <ErrorCard error={error()} testId="settings-error" />}</Show>
      <Show when={settings.settings()}>
        {(current) => (
          <section class="editor">
            <div class="params">
              <NumberSetting
                label="Read timeout (s)"
                hint="How long to wait for the next bytes of an answer; long generations need minutes."
                value={current().readTimeoutSecs}
                testId="setting-read-timeout"
                onInput={(n) => { settings.edit({ readTimeoutSecs: n }); }}
              />
              <NumberSetting
                label="Connect timeout (s)"
                hint="How long to wait for the endpoint to accept the connection."
                value={current().connectTimeoutSecs}
                testId="setting-connect-timeout"
                onInput={(n) => { settings.edit({ connectTimeoutSecs: n }); }}
              />
              <div class="param">
                <label for="setting-retry-mode">Retry mode</label>
                <select
                  id="setting-retry-mode"
                  data-testid="setting-retry-mode"
                  onChange={(e) => { settings.edit({ retryStrategy: e.currentTarget.value as RetryStrategy }); }}
                >
                  <option value="standard" selected={current().retryStrategy === "standard"}>
                    standard
                  </option>
                  <option value="adaptive" selected={current().retryStrategy === "adaptive"}>
                    adaptive (client-side rate limiting)
                  </option>
                </select>
              </div>
              <NumberSetting
                label="Max attempts"
                hint="Attempts in all, the first included: 1 means no retry."
                value={current().maxAttempts}
                testId="setting-max-attempts"
                onInput={(n) => { settings.edit({ maxAttempts: n }); }}
              />
              <div class="param">
                <label for="setting-theme">Theme</label>
                <select id="setting-theme" data-testid="setting-theme" onChange={(e) => { settings.edit({ theme: e.currentTarget.value as Theme }); }}>
                  <option value="system" selected={current().theme === "system"}>
                    system
                  </option>
                  <option value="dark" selected={current().theme === "dark"}>
                    dark
                  </option>
                  <option value="light" selected={current().theme === "light"}>
                    light
                  </option>
                </select>
              </div>
            </div>
            <div class="editor-actions">
              <button class="primary" data-testid="save-settings" disabled={settings.saving()} onClick={() => void settings.save()}>
                {settings.saving() ? "Saving…" : "Save"}
              </button>
              <span aria-live="polite">
                <Show when={settings.saved()}>
                  <span class="saved" data-testid="settings-saved">
                    Saved. New calls use these settings.
                  </span>
                </Show>
              </span>
            </div>
          </section>
        )}
      </Show>
    </main>
  );
}
