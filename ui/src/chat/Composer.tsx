import { For, Show } from "solid-js";
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
              <span class="chip" classList={{ invalid: file.error !== null }} data-testid="attachment" title={file.error?.hint ?? ""}>
                <span>{file.name}</span>
                <span class="muted">
                  {file.info ? `${file.info.format} · ${kilobytes(file.info.sizeBytes)}` : (file.error?.message ?? "")}
                </span>
                <button
                  class="chip-remove"
                  title="Remove"
                  onClick={() => {
                    props.chat.detach(file.name);
                  }}
                >
                  ×
                </button>
              </span>
            )}
          </For>
        </div>
      </Show>
      <Show when={props.chat.notice()}>
        {(notice) => (
          <p class="notice" data-testid="notice">
            {notice()}
          </p>
        )}
      </Show>
      <div class="composer-row">
        <textarea
          data-testid="composer"
          rows={3}
          placeholder="Message the model…"
          value={props.chat.draft()}
          onInput={(e) => props.chat.setDraft(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              void props.chat.send();
            }
          }}
        />
        <input
          ref={(el) => (picker = el)}
          type="file"
          multiple
          class="visually-hidden"
          data-testid="attach-input"
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
        <Show
          when={props.chat.streaming()}
          fallback={
            <button class="primary" data-testid="send" onClick={() => void props.chat.send()}>
              Send
            </button>
          }
        >
          <button class="danger" data-testid="stop" onClick={() => void props.chat.stop()}>
            Stop
          </button>
        </Show>
      </div>
      <p class="muted composer-hint">Ctrl+Enter to send</p>
    </footer>
  );
}
