import { For, Show } from "solid-js";
import type { ExportFormat, LayoutMetric } from "../../bindings";
import { formatShare, layoutLabel } from "../logic/format";
import type { EmbeddingsLab } from "../state";

/** PCA or UMAP with its settings, earlier maps of the run, colouring and exports. */
export function ProjectionPanel(props: { lab: EmbeddingsLab }) {
  const map = props.lab.map;
  const umap = () => map.request().method === "umap";
  const canProject = () => props.lab.run()?.status === "done" && !map.projecting();
  return (
    <section class="lab-section" aria-labelledby="lab-projection-title">
      <h3 id="lab-projection-title">Map</h3>
      <div class="segmented" role="group" aria-label="Projection method">
        <button aria-pressed={!umap()} classList={{ on: !umap() }} onClick={() => map.setRequest({ method: "pca" })}>
          PCA
        </button>
        <button aria-pressed={umap()} classList={{ on: umap() }} onClick={() => map.setRequest({ method: "umap" })}>
          UMAP
        </button>
      </div>
      <Show when={umap()}>
        <div class="lab-grid">
          <div class="param">
            <label for="lab-neighbours">Neighbours</label>
            <input
              id="lab-neighbours"
              type="number"
              min={2}
              max={200}
              value={map.request().nNeighbours}
              onInput={(e) => map.setRequest({ nNeighbours: Math.max(2, Math.round(Number(e.currentTarget.value) || 15)) })}
            />
          </div>
          <div class="param">
            <label for="lab-min-dist">Min distance</label>
            <input
              id="lab-min-dist"
              type="number"
              min={0}
              max={1}
              step={0.05}
              value={map.request().minDist ?? 0.1}
              onInput={(e) => map.setRequest({ minDist: Math.min(1, Math.max(0, Number(e.currentTarget.value) || 0)) })}
            />
          </div>
          <div class="param">
            <label for="lab-metric">Metric</label>
            <select
              id="lab-metric"
              value={map.request().metric}
              onChange={(e) => map.setRequest({ metric: e.currentTarget.value as LayoutMetric })}
            >
              <option value="cosine">cosine</option>
              <option value="euclidean">euclidean</option>
            </select>
          </div>
          <div class="param">
            <label for="lab-seed">Seed</label>
            <input
              id="lab-seed"
              type="number"
              min={0}
              value={map.request().seed}
              onInput={(e) => map.setRequest({ seed: Math.max(0, Math.round(Number(e.currentTarget.value) || 0)) })}
            />
          </div>
        </div>
      </Show>
      <Show
        when={map.projecting()}
        fallback={
          <button class="secondary" data-testid="lab-project" disabled={!canProject()} onClick={() => void map.project()}>
            Project again
          </button>
        }
      >
        <div class="lab-progress" data-testid="lab-projecting">
          <Show when={map.epoch()} fallback={<progress aria-label="Projection progress" />}>
            {(e) => <progress max={1} value={e().epoch / Math.max(1, e().of)} aria-label="Projection progress" />}
          </Show>
          <p class="muted small-text" aria-live="polite">
            {map.stage() ?? ""}
            <Show when={map.epoch()}>{(e) => ` · epoch ${String(e().epoch)} / ${String(e().of)}`}</Show>
          </p>
          <button class="danger small" onClick={() => void map.cancelProjection()}>
            Cancel
          </button>
        </div>
      </Show>
      <Show when={map.layouts().length > 1}>
        <label for="lab-layouts">Earlier maps</label>
        <select id="lab-layouts" value={map.layout()?.id ?? ""} onChange={(e) => void map.openLayout(Number(e.currentTarget.value))}>
          <For each={map.layouts()}>
            {(l) => (
              <option value={l.id} selected={l.id === map.layout()?.id}>
                {layoutLabel(l)}
              </option>
            )}
          </For>
        </select>
      </Show>
      <Show when={(map.layout()?.explainedVariance.length ?? 0) > 0}>
        <p class="muted small-text">
          Explained variance: {map.layout()?.explainedVariance.map((v) => formatShare(v)).join(" + ")}
        </p>
      </Show>
      <label for="lab-colour-by">Colour by</label>
      <select id="lab-colour-by" data-testid="lab-colour-by" value={map.colourBy()} onChange={(e) => { map.setColourBy(e.currentTarget.value); }}>
        <option value="cluster">Cluster</option>
        <For each={props.lab.rows()?.metadataColumns ?? []}>{(column) => <option value={`meta:${column}`}>{column}</option>}</For>
      </select>
      <div class="lab-row" role="group" aria-label="Export the run">
        <For each={["npy", "csv", "jsonl"] as ExportFormat[]}>
          {(format) => (
            <button class="ghost small" disabled={props.lab.run()?.status !== "done"} onClick={() => void map.exportRun(format)}>
              Export .{format}
            </button>
          )}
        </For>
      </div>
    </section>
  );
}
