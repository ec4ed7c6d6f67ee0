import { For, onMount, Show } from "solid-js";
import { copyText } from "../shared/clipboard";
import { ErrorCard } from "../shared/ErrorCard";
import { shortTime, splitTitle } from "./titles";
import type { History } from "./store";
import "./history.css";

/** How many conversations there are, or how many the search on screen found. */
function countLine(total: number, query: string): string {
  const conversations = `${total.toLocaleString()} conversation${total === 1 ? "" : "s"}`;
  return query === "" ? conversations : `${conversations} found`;
}

export function HistoryPage(props: { history: History }) {
  const history = props.history;
  onMount(() => void history.load());
  return (
    <main class="history-page" data-testid="history-page">
      <header class="page-head">
        <h2>History</h2>
        <input
          type="search"
          data-testid="history-search"
          placeholder="Search questions and answers"
          value={history.query()}
          onInput={(e) => {
            history.setQuery(e.currentTarget.value);
          }}
        />
        <p class="muted history-count" data-testid="history-total" aria-live="polite">
          {history.searching() ? "Searching…" : countLine(history.total(), history.shownQuery())}
        </p>
      </header>
      <Show when={history.failure()}>{(failure) => <ErrorCard error={failure()} testId="history-error" />}</Show>
      <ul class="history-list" data-testid="history-list" data-query={history.shownQuery()} aria-busy={history.searching()}>
        <For
          each={history.items()}
          fallback={
            <p class="muted">
              {history.shownQuery() === "" ? "No conversation yet: every answer you get is kept here." : `No conversation matches “${history.shownQuery()}”.`}
            </p>
          }
        >
          {(item) => (
            <li class="history-item" data-testid="history-item" data-status={item.lastStatus ?? ""}>
              <button class="history-open" data-testid="history-open" onClick={() => void history.open(item.id)}>
                <span class="history-title">
                  <Show when={splitTitle(item.title).knowledgeBase}>
                    <span class="history-kb" data-testid="history-kb">
                      Knowledge base
                    </span>
                  </Show>
                  {splitTitle(item.title).title}
                </span>
                <span class="muted">
                  {shortTime(item.updatedAt)} · {item.runCount} turn{item.runCount === 1 ? "" : "s"} · {item.lastModelId ?? ""}
                  <Show when={item.lastStatus === "interrupted"}>
                    <span class="warn"> · interrupted</span>
                  </Show>
                </span>
              </button>
              <button
                class="ghost"
                aria-label={`Export ${splitTitle(item.title).title}`}
                disabled={history.exporting()}
                onClick={() => void history.exportJson(item.id)}
              >
                Export
              </button>
              <button
                class="ghost"
                data-testid="history-delete"
                aria-label={`Delete ${splitTitle(item.title).title}`}
                onClick={() => void history.remove(item.id)}
              >
                Delete
              </button>
            </li>
          )}
        </For>
      </ul>
      <Show when={history.hasMore()}>
        <button class="ghost history-more" data-testid="history-more" disabled={history.loadingMore()} onClick={() => void history.loadMore()}>
          {history.loadingMore() ? "Loading…" : `More (${history.items().length} of ${history.total()} shown)`}
        </button>
      </Show>
      <Show when={history.exported()}>
        {(json) => (
          <section class="editor">
            <h3>Exported conversation (JSON)</h3>
            <textarea data-testid="export-json" aria-label="Exported conversation (JSON)" rows={10} readOnly value={json()} />
            <div class="editor-actions">
              <button onClick={() => void copyText(json())}>Copy</button>
              <button class="ghost" onClick={() => history.setExported(null)}>
                Close
              </button>
            </div>
          </section>
        )}
      </Show>
      <section class="editor">
        <h3>Import a conversation</h3>
        <textarea
          data-testid="import-json"
          rows={4}
          placeholder="Paste an exported conversation (JSON)"
          value={history.importText()}
          onInput={(e) => history.setImportText(e.currentTarget.value)}
        />
        <div class="editor-actions">
          <button data-testid="import-conversation" disabled={history.importing()} onClick={() => void history.importJson()}>
            {history.importing() ? "Importing…" : "Import"}
          </button>
        </div>
      </section>
    </main>
  );
}
