import { For, Show } from "solid-js";
import { NoticeView } from "../shared/NoticeView";
import { modifierShortcut, modifierShortcutAria } from "../shared/shortcuts";
import type { Chat } from "./store";

function kilobytes(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.ceil(bytes / 1024)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function Composer(props: { chat: Chat }) {
  let picker: HTMLInputElement | undefined;
  return (
    <footer class="composer">
      <Show when={props.chat.attachments().length > 0}>
        <div class="chips attachments" data-testid="attachments">
          <For each={props.chat.attachments()}>
            {(file) => (
              <span
                class="chip"
                classList={{ invalid: file.error !== null }}
                data-testid="attachment"
                data-state={file.reading ? "reading" : file.error ? "refused" : "ready"}
                title={file.error?.hint ?? ""}
              >
                <span class="chip-name">{file.name}</span>
                <span class="muted">
                  {file.reading ? "reading…" : file.info ? `${file.info.format} · ${kilobytes(file.info.sizeBytes)}` : (file.error?.message ?? "")}
                </span>
                <button
                  class="chip-remove"
                  title="Remove"
                  aria-label={`Remove ${file.name}`}
                  onClick={() => {
                    props.chat.detach(file.id);
                  }}
                >
                  ×
                </button>
              </span>
            )}
          </For>
        </div>
      </Show>
      <div aria-live="polite">
        <Show when={props.chat.notice()}>{(notice) => <NoticeView notice={notice()} />}</Show>
      </div>
      <div class="composer-row">
        <textarea
          data-testid="composer"
          aria-label="Message"
          aria-describedby="composer-hint"
          rows={3}
          placeholder="Message the model…"
          value={props.chat.draft()}
          onInput={(e) => props.chat.setDraft(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              void props.chat.send();
            } else if (e.key === "Escape" && props.chat.streaming()) {
              e.preventDefault();
              void props.chat.stop();
            }
          }}
        />
        <input
          ref={(el) => (picker = el)}
          type="file"
          multiple
          class="visually-hidden"
          data-testid="attach-input"
          aria-label="Files to attach"
          tabindex={-1}
          accept="image/png,image/jpeg,image/gif,image/webp,.pdf,.csv,.doc,.docx,.xls,.xlsx,.html,.txt,.md"
          onChange={(e) => {
            const files = [...(e.currentTarget.files ?? [])];
            e.currentTarget.value = "";
            void props.chat.attach(files);
          }}
        />
        <button class="secondary" data-testid="attach" title="Attach images or documents" onClick={() => picker?.click()}>
          Attach
        </button>
        {/* One button that turns from Send into Stop, so the keyboard focus stays on it. */}
        <button
          class={props.chat.streaming() ? "danger" : "primary"}
          data-testid={props.chat.streaming() ? "stop" : "send"}
          aria-keyshortcuts={props.chat.streaming() ? "Escape" : modifierShortcutAria("Enter")}
          disabled={!props.chat.streaming() && props.chat.waitingForFiles()}
          onClick={() => void (props.chat.streaming() ? props.chat.stop() : props.chat.send())}
        >
          {props.chat.streaming() ? "Stop" : props.chat.waitingForFiles() ? "Reading files…" : "Send"}
        </button>
      </div>
      <p class="muted composer-hint" id="composer-hint" data-testid="composer-hint">
        {modifierShortcut("Enter")} to send · Esc to stop
      </p>
    </footer>
  );
}
