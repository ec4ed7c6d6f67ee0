import { createEffect, on, Show } from "solid-js";
import "./dialog.css";
import { answer, pendingQuestion } from "./confirm";

/** The app's one confirmation dialog: focus moves into it, Tab stays in it, Escape cancels,
 * and focus goes back where it was once it is answered. */
export function ConfirmDialog() {
  let cancel: HTMLButtonElement | undefined;
  let accept: HTMLButtonElement | undefined;
  let returnTo: HTMLElement | null = null;
  createEffect(
    on(pendingQuestion, (question, previous) => {
      if (question !== null && previous == null) {
        returnTo = document.activeElement instanceof HTMLElement ? document.activeElement : null;
        queueMicrotask(() => cancel?.focus());
      } else if (question === null && previous != null) {
        returnTo?.focus();
        returnTo = null;
      }
    }),
  );
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === "Escape") {
      event.preventDefault();
      answer(false);
    } else if (event.key === "Tab") {
      event.preventDefault();
      (document.activeElement === cancel ? accept : cancel)?.focus();
    }
  };
  return (
    <Show when={pendingQuestion()}>
      {(question) => (
        <div class="dialog-backdrop" data-testid="confirm-backdrop">
          <div
            class="dialog"
            role="alertdialog"
            aria-modal="true"
            aria-labelledby="confirm-title"
            aria-describedby="confirm-message"
            data-testid="confirm-dialog"
            onKeyDown={onKeyDown}
          >
            <h2 id="confirm-title">{question().title}</h2>
            <p id="confirm-message">{question().message}</p>
            <div class="dialog-actions">
              <button ref={(el) => (cancel = el)} class="secondary" data-testid="confirm-cancel" onClick={() => { answer(false); }}>
                Cancel
              </button>
              <button ref={(el) => (accept = el)} class="danger" data-testid="confirm-accept" onClick={() => { answer(true); }}>
                {question().confirmLabel}
              </button>
            </div>
          </div>
        </div>
      )}
    </Show>
  );
}
