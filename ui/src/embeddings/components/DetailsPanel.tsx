import { For, Show } from "solid-js";
import { Legend } from "../map/Legend";
import { formatCount } from "../logic/format";
import type { EmbeddingsLab } from "../state";

const TABLE_LIMIT = 500;

/** The picked text and its neighbours, search hits with scores, or the selection as a table. */
export function DetailsPanel(props: { lab: EmbeddingsLab; onSentToChat: () => void }) {
  const lab = props.lab;
  const map = lab.map;
  const text = (index: number) => lab.rows()?.texts[index] ?? "";
  const metadata = (index: number) =>
    (lab.rows()?.metadataColumns ?? []).map((column, c) => ({ column, value: lab.rows()?.metadata[index]?.[c] ?? "" }));
  return (
    <aside class="lab-details" aria-label="Details">
      <Show when={map.picked() !== null}>
        <section data-testid="lab-point">
          <div class="label-row">
            <h3>Point #{map.picked()}</h3>
            <button class="ghost small" onClick={() => void map.pick(null)}>
              Close
            </button>
          </div>
          <p class="lab-text">{text(map.picked() ?? 0)}</p>
          <dl class="lab-meta">
            <For each={metadata(map.picked() ?? 0)}>
              {(m) => (
                <>
                  <dt>{m.column}</dt>
                  <dd>{m.value}</dd>
                </>
              )}
            </For>
          </dl>
          <h4>Nearest in the original space</h4>
          <ol class="lab-hits" data-testid="lab-neighbours">
            <For each={map.neighbours()}>
              {(n) => (
                <li>
                  <button class="lab-hit" onClick={() => void map.pick(n.index)}>
                    <span class="score">{(n.similarity ?? 0).toFixed(3)}</span>
                    <span>{text(n.index)}</span>
                  </button>
                </li>
              )}
            </For>
          </ol>
        </section>
      </Show>
      <Show when={map.hits() && map.picked() === null}>
        <section data-testid="lab-hits">
          <h3>
            {map.searchMode() === "meaning" ? "Nearest to the query" : "Texts containing the query"} ({formatCount(map.hits()?.length ?? 0)})
          </h3>
          <ol class="lab-hits">
            <For each={(map.hits() ?? []).slice(0, 100)}>
              {(hit) => (
                <li>
                  <button class="lab-hit" onClick={() => void map.pick(hit.index)}>
                    <Show when={map.searchMode() === "meaning"}>
                      <span class="score">{(hit.similarity ?? 0).toFixed(3)}</span>
                    </Show>
                    <span>{text(hit.index)}</span>
                  </button>
                </li>
              )}
            </For>
          </ol>
        </section>
      </Show>
      <Show when={map.selection().length > 0}>
        <section data-testid="lab-selection">
          <div class="label-row">
            <h3>Selection ({formatCount(map.selection().length)})</h3>
            <button class="ghost small" onClick={() => map.select([])}>
              Clear
            </button>
          </div>
          <div class="lab-row">
            <button class="secondary small" onClick={() => void map.exportSelection("csv")}>
              Export CSV
            </button>
            <button class="secondary small" onClick={() => void map.exportSelection("jsonl")}>
              Export JSONL
            </button>
            <button
              class="secondary small"
              data-testid="lab-send-to-chat"
              onClick={() => {
                map.sendSelectionToChat();
                props.onSentToChat();
              }}
            >
              Send to chat
            </button>
          </div>
          <div class="lab-table-wrap" tabindex="0" aria-label="Selected texts">
            <table class="lab-table">
              <thead>
                <tr>
                  <th scope="col">Text</th>
                  <For each={lab.rows()?.metadataColumns ?? []}>{(column) => <th scope="col">{column}</th>}</For>
                </tr>
              </thead>
              <tbody>
                <For each={map.selection().slice(0, TABLE_LIMIT)}>
                  {(index) => (
                    <tr>
                      <td>{text(index)}</td>
                      <For each={metadata(index)}>{(m) => <td>{m.value}</td>}</For>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
            <Show when={map.selection().length > TABLE_LIMIT}>
              <p class="muted small-text">Showing the first {TABLE_LIMIT}; exports include all.</p>
            </Show>
          </div>
        </section>
      </Show>
      <Show when={map.picked() === null && !map.hits() && map.selection().length === 0}>
        <p class="muted small-text lab-help">
          Hover a point to read it, click it for its nearest texts, shift-drag for a box, alt-drag for a lasso.
        </p>
      </Show>
      <Show when={map.layout()}>
        <Legend
          title={map.colourBy() === "cluster" ? "Clusters (click to hide)" : `${map.colourBy().slice(5)} (click to hide)`}
          entries={map.colouring().legend}
          hidden={map.hidden()}
          onToggle={(value) => {
            map.toggleHidden(value);
          }}
        />
      </Show>
    </aside>
  );
}
