import { createMemo, createSignal, Show } from "solid-js";
import { ScatterMap, type MapLabel } from "../map/ScatterMap";
import { formatCount } from "../logic/format";
import type { EmbeddingsLab } from "../state";

/** Small datasets read better with larger points; large ones keep the map's own sizing. */
function pointSizeFor(n: number): number | undefined {
  if (n <= 2_000) return 8;
  if (n <= 10_000) return 5;
  return undefined;
}

export interface MapHandle {
  screenPositionOf: (index: number) => { x: number; y: number } | null;
  fit: () => void;
}

/** The map with its search bar, hover card and legend. */
export function MapView(props: { lab: EmbeddingsLab; onReady?: (api: MapHandle) => void }) {
  const map = props.lab.map;
  const [hover, setHover] = createSignal<{ index: number; x: number; y: number } | null>(null);
  const highlighted = createMemo(() => {
    const set = new Set<number>();
    for (const hit of map.hits() ?? []) set.add(hit.index);
    const picked = map.picked();
    if (picked !== null) {
      set.add(picked);
      for (const n of map.neighbours()) set.add(n.index);
    }
    return set;
  });
  const selected = createMemo(() => new Set(map.selection()));
  const labels = createMemo<MapLabel[]>(() =>
    map.colourBy() === "cluster"
      ? (map.layout()?.clusters ?? [])
          .filter((c) => c.id >= 0)
          .map((c) => ({ text: c.label, x: c.centroid[0] ?? 0, y: c.centroid[1] ?? 0 }))
      : [],
  );
  const extra = createMemo(() => {
    const q = map.queryPoint();
    return q ? [{ positions: Float32Array.from([q.x, q.y]), label: `“${q.label}”`, colour: "#f59e0b" }] : [];
  });
  const hoverText = () => {
    const h = hover();
    return h ? (props.lab.rows()?.texts[h.index] ?? "") : "";
  };
  return (
    <div class="lab-map-area">
      <form
        class="lab-search"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          void map.search();
        }}
      >
        <label class="visually-hidden" for="lab-search">
          Search the texts
        </label>
        <input
          id="lab-search"
          data-testid="lab-search"
          placeholder={map.searchMode() === "meaning" ? "Search by meaning: the query is embedded with the same model" : "Find texts containing…"}
          value={map.searchText()}
          onInput={(e) => map.setSearchText(e.currentTarget.value)}
        />
        <div class="segmented" role="group" aria-label="Search mode">
          <button type="button" aria-pressed={map.searchMode() === "meaning"} classList={{ on: map.searchMode() === "meaning" }} onClick={() => map.setSearchMode("meaning")}>
            Meaning
          </button>
          <button type="button" aria-pressed={map.searchMode() === "text"} classList={{ on: map.searchMode() === "text" }} onClick={() => map.setSearchMode("text")}>
            Text
          </button>
        </div>
        <button class="primary small" type="submit" data-testid="lab-search-go" disabled={map.searching() || !map.layout()}>
          {map.searching() ? "Searching…" : "Search"}
        </button>
        <Show when={map.hits()}>
          <button class="ghost small" type="button" onClick={() => { map.clearSearch(); }}>
            Clear
          </button>
        </Show>
      </form>
      <div class="lab-map" data-testid="lab-map">
        <Show
          when={map.layout()}
          fallback={
            <div class="lab-empty">
              <p>{props.lab.run() ? "Projecting…" : "Pick or import a dataset, then embed it to see its map."}</p>
            </div>
          }
        >
          {(layout) => (
            <ScatterMap
              positions={layout().positions}
              colours={map.visibleColours()}
              highlighted={highlighted()}
              selected={selected()}
              extraPoints={extra()}
              labels={labels()}
              ariaLabel={`Map of ${formatCount(layout().positions.length / 2)} texts`}
              pointSize={pointSizeFor(layout().positions.length / 2)}
              onHover={(index, x, y) => setHover(index === null ? null : { index, x, y })}
              onPick={(index) => void map.pick(index)}
              onSelect={(indices) => map.select(indices)}
              onReady={props.onReady}
            />
          )}
        </Show>
        <Show when={hover()}>
          {(h) => (
            <div class="lab-tooltip" role="tooltip" style={{ left: `${String(h().x + 14)}px`, top: `${String(h().y + 14)}px` }}>
              {hoverText()}
            </div>
          )}
        </Show>
      </div>
    </div>
  );
}
