// The retrieval trace: the whole ranking with the cut at k, and the query under 2–4 settings.
import { For, Index, Show } from "solid-js";
import type { SearchKind } from "../../bindings";
import { changeLabel, rankingWithCut } from "../logic/trace";
import type { KnowledgeLab, Variant } from "../state";

export function Trace(props: { lab: KnowledgeLab }) {
  const lab = props.lab;
  const k = () => Math.max(1, Number(lab.traceK()) || 5);
  const setVariant = (i: number, patch: Partial<Variant>) =>
    lab.setVariants(lab.variants().map((v, j) => (j === i ? { ...v, ...patch } : v)));
  return (
    <div class="kb-trace" data-testid="kb-trace">
      <div class="kb-row">
        <div class="param kb-k">
          <label for="kb-trace-k">k (the cut)</label>
          <input id="kb-trace-k" data-testid="kb-trace-k" type="number" min={1} max={100} value={lab.traceK()} onInput={(e) => lab.setTraceK(e.currentTarget.value)} />
        </div>
        <button class="secondary" data-testid="kb-trace-ranking" disabled={lab.tracing()} onClick={() => void lab.traceRanking()}>
          Whole ranking
        </button>
      </div>

      <Show when={lab.ranking()}>
        {(ranking) => (
          <section aria-label="Whole ranking">
            <h4>Whole ranking ({ranking().length} results, current settings)</h4>
            <ol class="kb-ranking" data-testid="kb-ranking">
              <For each={rankingWithCut(ranking(), k())}>
                {(row, i) => (
                  <>
                    <Show when={i() === k()}>
                      <li class="kb-cut" data-testid="kb-cut" aria-label={`cut at k = ${k()}`}>
                        cut at k = {k()}: below this line Retrieve would not return the chunk
                      </li>
                    </Show>
                    <li classList={{ "kb-rank-row": true, below: !row.kept }} data-testid="kb-rank-row" data-kept={row.kept}>
                      <span class="kb-rank">#{row.chunk.rank}</span>
                      <span class="kb-score">{row.chunk.score?.toFixed(4) ?? "—"}</span>
                      <span class="kb-rank-uri">{row.chunk.location.uri ?? ""}</span>
                      <span class="kb-rank-text">{row.chunk.text.slice(0, 120)}</span>
                    </li>
                  </>
                )}
              </For>
            </ol>
          </section>
        )}
      </Show>

      <section aria-label="Compare settings" class="kb-compare">
        <h4>Same query, different settings</h4>
        <div class="kb-variants">
          <Index each={lab.variants()}>
            {(variant, i) => (
              <fieldset class="kb-variant" data-testid="kb-variant">
                <legend>Setting {String.fromCharCode(65 + i)}</legend>
                <label for={`kb-variant-${i}-search`}>Search type</label>
                <select id={`kb-variant-${i}-search`} data-testid="kb-variant-search" value={variant().searchType} onChange={(e) => setVariant(i, { searchType: e.currentTarget.value as SearchKind })}>
                  <option value="default">Default</option>
                  <option value="hybrid">Hybrid</option>
                  <option value="semantic">Semantic</option>
                </select>
                <label for={`kb-variant-${i}-rerank`}>Reranking</label>
                <select id={`kb-variant-${i}-rerank`} data-testid="kb-variant-rerank" value={variant().rerankModel} onChange={(e) => setVariant(i, { rerankModel: e.currentTarget.value })}>
                  <option value="">None</option>
                  <For each={lab.rerankModels()}>{(m) => <option value={m.modelId}>{m.name}</option>}</For>
                </select>
                <label class="check">
                  <input type="checkbox" data-testid="kb-variant-filter" checked={variant().useFilter} onChange={(e) => setVariant(i, { useFilter: e.currentTarget.checked })} />
                  Apply the metadata filter
                </label>
                <Show when={lab.variants().length > 2}>
                  <button class="ghost small" onClick={() => lab.setVariants(lab.variants().filter((_, j) => j !== i))}>
                    Remove
                  </button>
                </Show>
              </fieldset>
            )}
          </Index>
        </div>
        <div class="kb-row">
          <Show when={lab.variants().length < 4}>
            <button class="secondary small" data-testid="kb-add-variant" onClick={() => lab.setVariants([...lab.variants(), { searchType: "default", rerankModel: "", useFilter: true }])}>
              + Setting
            </button>
          </Show>
          <button class="primary" data-testid="kb-compare" disabled={lab.tracing()} onClick={() => void lab.compare()}>
            {lab.tracing() ? "Running…" : "Compare"}
          </button>
        </div>
        <Show when={lab.trace()}>
          {(trace) => (
            <div
              data-testid="kb-comparison"
              ref={(el) => {
                setTimeout(() => {
                  if (el.isConnected) el.scrollIntoView({ block: "start", behavior: "smooth" });
                }, 60);
              }}
            >
              <table class="kb-overlap" data-testid="kb-overlap">
                <caption>overlap@{trace().comparison.k}</caption>
                <thead>
                  <tr>
                    <th scope="col" />
                    <For each={trace().labels}>{(label, i) => <th scope="col">{`${String.fromCharCode(65 + i())}: ${label}`}</th>}</For>
                  </tr>
                </thead>
                <tbody>
                  <For each={trace().comparison.overlap}>
                    {(row, i) => (
                      <tr>
                        <th scope="row">{String.fromCharCode(65 + i())}</th>
                        <For each={row}>{(value) => <td data-testid="kb-overlap-cell">{`${Math.round(value * 100)}%`}</td>}</For>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
              <table class="kb-ranks" data-testid="kb-rank-table">
                <thead>
                  <tr>
                    <th scope="col">Chunk</th>
                    <For each={trace().labels}>{(_, i) => <th scope="col">{`${String.fromCharCode(65 + i())} rank`}</th>}</For>
                  </tr>
                </thead>
                <tbody>
                  <For each={trace().comparison.rows}>
                    {(row) => (
                      <tr classList={{ only: row.onlyIn !== null }} data-testid="kb-rank-compare-row" data-only={row.onlyIn === null ? "" : String.fromCharCode(65 + row.onlyIn)}>
                        <td>
                          <div class="kb-rank-chunk">
                            <span class="kb-rank-uri">{row.chunk.location.uri ?? ""}</span>
                            <span class="kb-rank-text">{row.chunk.text.slice(0, 90)}</span>
                            <Show when={row.onlyIn !== null}>
                              <span class="pill kb-only">only {String.fromCharCode(65 + (row.onlyIn ?? 0))}</span>
                            </Show>
                          </div>
                        </td>
                        <For each={row.cells}>
                          {(cell, i) => (
                            <td>
                              {cell.rank === null ? "—" : `#${cell.rank}`}
                              <Show when={i() > 0 && cell.change !== null && cell.change !== 0}>
                                <span classList={{ "kb-up": (cell.change ?? 0) > 0, "kb-down": (cell.change ?? 0) < 0 }}> {changeLabel(cell.change)}</span>
                              </Show>
                            </td>
                          )}
                        </For>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </div>
          )}
        </Show>
      </section>
    </div>
  );
}
