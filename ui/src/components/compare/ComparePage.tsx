import { For, onMount, Show } from "solid-js";
import type { Comparison } from "../../state/compare";
import { MAX_PANES, MIN_PANES } from "../../state/compare";
import type { Session } from "../../state/session";
import { ComparePane } from "./ComparePane";

export function ComparePage(props: { session: Session; comparison: Comparison }) {
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
              session={props.session}
              canRemove={comparison.panes().length > MIN_PANES}
              onRemove={() => { comparison.removePane(pane.id); }}
            />
          )}
        </For>
      </div>
      <footer class="composer">
        <Show when={props.session.notice()}>{(notice) => <p class="notice">{notice()}</p>}</Show>
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
