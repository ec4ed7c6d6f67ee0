import { For, onMount, Show } from "solid-js";
import type { Chat } from "../chat";
import type { Catalogue } from "../models";
import { NoticeView } from "../shared/NoticeView";
import { modifierShortcut, modifierShortcutAria } from "../shared/shortcuts";
import { ComparePane } from "./ComparePane";
import { MAX_PANES, MIN_PANES, type Comparison } from "./store";

export function ComparePage(props: { chat: Pick<Chat, "notice">; catalogue: Pick<Catalogue, "models" | "prices">; comparison: Comparison }) {
  const comparison = props.comparison;
  onMount(() => {
    comparison.ensurePanes();
  });
  return (
    <main class="compare" data-testid="compare-page">
      <header class="topbar">
        <div class="topbar-title">
          <span class="model-name">Compare models</span>
          <span class="muted">same messages, same system prompt, each pane its own model and parameters</span>
        </div>
        <button data-testid="add-pane" disabled={comparison.panes().length >= MAX_PANES} onClick={() => { comparison.addPane(); }}>
          Add model
        </button>
        <button class="ghost" onClick={() => { comparison.clearAll(); }}>
          Clear
        </button>
      </header>
      <div class="panes" style={{ "grid-template-columns": `repeat(${comparison.panes().length}, minmax(0, 1fr))` }}>
        <For each={comparison.panes()}>
          {(pane, index) => (
            <ComparePane
              pane={pane}
              position={index() + 1}
              catalogue={props.catalogue}
              canRemove={comparison.panes().length > MIN_PANES}
              onRemove={() => { comparison.removePane(pane.id); }}
            />
          )}
        </For>
      </div>
      <footer class="composer">
        <div aria-live="polite">
          <Show when={props.chat.notice()}>{(notice) => <NoticeView notice={notice()} />}</Show>
        </div>
        <div class="composer-row">
          <textarea
            data-testid="compare-composer"
            aria-label="Message to every model"
            aria-describedby="compare-composer-hint"
            rows={2}
            placeholder="Message every model…"
            value={comparison.draft()}
            onInput={(e) => comparison.setDraft(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                void comparison.send();
              } else if (e.key === "Escape" && comparison.streaming()) {
                e.preventDefault();
                void comparison.stopAll();
              }
            }}
          />
          {/* One button that turns from Send into Stop, so the keyboard focus stays on it. */}
          <button
            class={comparison.streaming() ? "danger" : "primary"}
            data-testid={comparison.streaming() ? "compare-stop" : "compare-send"}
            aria-keyshortcuts={comparison.streaming() ? "Escape" : modifierShortcutAria("Enter")}
            onClick={() => void (comparison.streaming() ? comparison.stopAll() : comparison.send())}
          >
            {comparison.streaming() ? "Stop all" : "Send to all"}
          </button>
        </div>
        <p class="muted composer-hint" id="compare-composer-hint">
          {modifierShortcut("Enter")} to send to every model · Esc to stop
        </p>
      </footer>
    </main>
  );
}
