import { For, onMount, Show } from "solid-js";
import type { Chat } from "../chat";
import type { Catalogue } from "../models";
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
          {(pane) => (
            <ComparePane
              pane={pane}
              catalogue={props.catalogue}
              canRemove={comparison.panes().length > MIN_PANES}
              onRemove={() => { comparison.removePane(pane.id); }}
            />
          )}
        </For>
      </div>
      <footer class="composer">
        <Show when={props.chat.notice()}>{(notice) => <p class="notice">{notice()}</p>}</Show>
        <div class="composer-row">
          <textarea
            data-testid="compare-composer"
            rows={2}
            placeholder="Message every model…"
            value={comparison.draft()}
            onInput={(e) => comparison.setDraft(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                void comparison.send();
              }
            }}
          />
          <Show
            when={comparison.streaming()}
            fallback={
              <button class="primary" data-testid="compare-send" onClick={() => void comparison.send()}>
                Send to all
              </button>
            }
          >
            <button class="danger" data-testid="compare-stop" onClick={() => void comparison.stopAll()}>
              Stop all
            </button>
          </Show>
        </div>
      </footer>
    </main>
  );
}
