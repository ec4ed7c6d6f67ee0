// "On the map": the knowledge base's chunks projected with the embeddings lab's maths, coloured
// by source document; the last retrieval's chunks highlighted, the last answer's cited chunks
// outlined, and the query as a diamond.
import { createMemo, createSignal, For, Show } from "solid-js";
import { coloursFor, decodeFloat32, ScatterMap } from "../../embeddings";
import type { KnowledgeLab } from "../state";
import { citedChunks, describeSource, documentName, matchIndices } from "./logic";

const QUERY_COLOUR = "#f59e0b";

export function ChunkMapView(props: { lab: KnowledgeLab }) {
  const lab = props.lab;
  const [hover, setHover] = createSignal<{ index: number; x: number; y: number } | null>(null);
  const map = () => lab.chunkMap();
  const positions = createMemo(() => {
    const m = map();
    return m ? decodeFloat32(m.layout.coordsBase64) : new Float32Array(0);
  });
  const colouring = createMemo(() => coloursFor((map()?.chunks ?? []).map((c) => documentName(c.uri))));
  const retrieved = createMemo(() => matchIndices(map()?.chunks ?? [], lab.results()?.chunks ?? []));
  const cited = createMemo(() => {
    const turns = lab.turns();
    const last = turns[turns.length - 1];
    return matchIndices(map()?.chunks ?? [], last ? citedChunks(last.citations) : []);
  });
  const queryPoint = createMemo(() => {
    const position = map()?.layout.queryPosition;
    if (!position || position[0] === null || position[1] === null) return null;
    return { x: position[0], y: position[1] };
  });
  const extra = createMemo(() => {
    const q = queryPoint();
    const label = lab.mappedQuery();
    const short = label.length > 48 ? `${label.slice(0, 47)}…` : label;
    return q ? [{ positions: Float32Array.from([q.x, q.y]), label: `“${short}”`, colour: QUERY_COLOUR }] : [];
  });
  const hovered = () => {
    const h = hover();
    const chunk = h ? map()?.chunks[h.index] : undefined;
    return h && chunk ? { ...chunk, x: h.x, y: h.y } : null;
  };
  return (
    <div class="kb-map" data-testid="kb-map">
      <div class="kb-map-head">
        <p class="muted" data-testid="kb-map-source" data-source={map()?.source ?? ""} data-count={map()?.chunks.length ?? 0}>
          <Show when={map()} fallback="Retrieve or ask a question, then open the map.">
            {(m) => describeSource(m().source, m().chunks.length)}
          </Show>
          <Show when={map()}>{(m) => <> Embedded with <code>{m().modelId}</code> ({m().dimensions} dimensions), {m().layout.method === "pca" ? "PCA" : "UMAP"} projection.</>}</Show>
        </p>
        <button class="secondary small" data-testid="kb-map-refresh" disabled={lab.mapping() || lab.selected() === null} onClick={() => void lab.showMap()}>
          {lab.mapping() ? "Mapping…" : "Map again"}
        </button>
      </div>
      <div class="kb-map-key" data-testid="kb-map-key">
        <span data-testid="kb-map-key-query" data-count={queryPoint() ? 1 : 0}>
          <i class="kb-key-diamond" style={{ background: QUERY_COLOUR }} /> Query{queryPoint() ? `: “${lab.mappedQuery()}”` : " (none yet)"}
        </span>
        <span data-testid="kb-map-key-retrieved" data-count={retrieved().size}>
          <i class="kb-key-ring" /> Retrieved by the last Retrieve ({retrieved().size})
        </span>
        <span data-testid="kb-map-key-cited" data-count={cited().size}>
          <i class="kb-key-outline" /> Cited in the last answer ({cited().size})
        </span>
        <span>
          <i class="kb-key-dot" /> Other chunks, coloured by document
        </span>
      </div>
      <div class="kb-map-area">
        <Show when={map()} fallback={<p class="lab-empty kb-empty">{lab.mapping() ? "Embedding and projecting the chunks…" : "No map yet."}</p>}>
          {(m) => (
            <ScatterMap
              positions={positions()}
              colours={colouring().colours}
              highlighted={retrieved()}
              selected={cited()}
              extraPoints={extra()}
              ariaLabel={`Map of ${String(m().chunks.length)} chunks of the knowledge base`}
              testId="kb-map-canvas"
              pointSize={9}
              onHover={(index, x, y) => setHover(index === null ? null : { index, x, y })}
            />
          )}
        </Show>
        <Show when={hovered()}>
          {(chunk) => (
            <div class="kb-map-tooltip" role="tooltip" data-testid="kb-map-tooltip" style={{ left: `${String(chunk().x + 14)}px`, top: `${String(chunk().y + 14)}px` }}>
              <strong>{documentName(chunk().uri) ?? "unknown document"}</strong>
              <p>{chunk().text.length > 400 ? `${chunk().text.slice(0, 399)}…` : chunk().text}</p>
            </div>
          )}
        </Show>
      </div>
      <ul class="kb-map-documents" data-testid="kb-map-documents">
        <For each={colouring().legend}>
          {(entry) => (
            <li>
              <i class="kb-key-dot" style={{ background: entry.colour }} /> {entry.value} ({entry.count})
            </li>
          )}
        </For>
      </ul>
    </div>
  );
}
