import { Show } from "solid-js";
import type { Session } from "../state/session";

export function Composer(props: { session: Session }) {
  return (
    <footer class="composer">
      <Show when={props.session.notice()}>
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
          value={props.session.draft()}
          onInput={(e) => props.session.setDraft(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              void props.session.send();
            }
          }}
        />
        <Show
          when={props.session.streaming()}
          fallback={
            <button class="primary" data-testid="send" onClick={() => void props.session.send()}>
              Send
            </button>
          }
        >
          <button class="danger" data-testid="stop" onClick={() => void props.session.stop()}>
            Stop
          </button>
        </Show>
      </div>
      <p class="muted composer-hint">Ctrl+Enter to send</p>
    </footer>
  );
}
