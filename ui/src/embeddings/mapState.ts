// The map of one run: its layout (streamed in while UMAP runs), colours, the picked point and its
// neighbours, the selection, and search by text or by meaning.
import { batch, createMemo, createSignal } from "solid-js";
import * as api from "../shared/api";
import type {
  ClientError,
  ClusterView,
  DatasetRows,
  ExportFormat,
  LayoutEvent,
  LayoutRequest,
  LayoutSummary,
  LayoutView,
  NeighbourHit,
} from "../bindings";
import { coloursFor, hideColours } from "./map/palette";
import { rowsAsContext, rowsToCsv, rowsToJsonl, type ExportRow } from "./logic/exportRows";
import { decodeFloat32, decodeInt32 } from "./logic/floats";
import { colourValues, matchText } from "./logic/colouring";

export interface LoadedLayout {
  id: number | null;
  method: LayoutRequest["method"];
  positions: Float32Array;
  assignments: Int32Array | null;
  clusters: ClusterView[];
  explainedVariance: number[];
}

export const NEIGHBOURS = 10;
export const SEARCH_HITS = 10;

export const defaultLayoutRequest = (): LayoutRequest => ({
  method: "umap",
  nNeighbours: 15,
  minDist: 0.1,
  metric: "cosine",
  seed: 42,
});

/** A stored layout decoded for the map. */
export function loadedLayout(view: LayoutView): LoadedLayout {
  return {
    id: view.id,
    method: view.request.method,
    positions: decodeFloat32(view.coordsBase64),
    assignments: decodeInt32(view.assignmentsBase64),
    clusters: view.clusters,
    explainedVariance: view.explainedVariance.map((v) => v ?? 0),
  };
}

export function createMapState(deps: {
  runId: () => number | null;
  rows: () => DatasetRows | null;
  sendToChat: (text: string) => void;
  onError: (error: ClientError | null) => void;
}) {
  const [layout, setLayout] = createSignal<LoadedLayout | null>(null);
  const [layouts, setLayouts] = createSignal<LayoutSummary[]>([]);
  const [request, setRequest] = createSignal<LayoutRequest>(defaultLayoutRequest());
  const [projecting, setProjecting] = createSignal(false);
  const [stage, setStage] = createSignal<string | null>(null);
  const [epoch, setEpoch] = createSignal<{ epoch: number; of: number } | null>(null);
  const [colourBy, setColourBy] = createSignal("cluster");
  const [hidden, setHidden] = createSignal<ReadonlySet<string>>(new Set());
  const [picked, setPicked] = createSignal<number | null>(null);
  const [neighbours, setNeighbours] = createSignal<NeighbourHit[]>([]);
  const [selection, setSelection] = createSignal<number[]>([]);
  const [searchText, setSearchText] = createSignal("");
  const [searchMode, setSearchMode] = createSignal<"text" | "meaning">("meaning");
  const [hits, setHits] = createSignal<NeighbourHit[] | null>(null);
  const [queryPoint, setQueryPoint] = createSignal<{ x: number; y: number; label: string } | null>(null);
  const [searching, setSearching] = createSignal(false);
  const [notice, setNotice] = createSignal<string | null>(null);
  let projectionId: string | null = null;

  function reset(): void {
    batch(() => {
      setLayout(null);
      setLayouts([]);
      setPicked(null);
      setNeighbours([]);
      setSelection([]);
      setHits(null);
      setQueryPoint(null);
      setStage(null);
      setEpoch(null);
    });
  }

  async function openLatestLayout(runId: number): Promise<void> {
    const list = await api.listLayouts(runId);
    if (deps.runId() !== runId) return;
    if (!list.ok) {
      deps.onError(list.error);
      return;
    }
    setLayouts(list.value);
    const latest = list.value[0];
    if (latest) await openLayout(latest.id);
    else await project(runId);
  }

  async function openLayout(layoutId: number): Promise<void> {
    const view = await api.getLayout(layoutId);
    if (!view.ok) {
      deps.onError(view.error);
      return;
    }
    batch(() => {
      setLayout(loadedLayout(view.value));
      setRequest(view.value.request);
      setHits(null);
      setQueryPoint(null);
    });
  }

  /** Project the run with the current settings; UMAP's layout arrives as it improves. */
  async function project(runId: number | null = deps.runId()): Promise<void> {
    if (runId === null || projecting()) return;
    const id = `layout-${String(Date.now())}-${String(Math.random()).slice(2, 8)}`;
    projectionId = id;
    batch(() => {
      setProjecting(true);
      setStage("starting");
      setEpoch(null);
      setNotice(null);
    });
    const onEvent = (event: LayoutEvent) => {
      if (event.kind === "stage") setStage(event.name);
      else {
        setEpoch({ epoch: event.epoch, of: event.nEpochs });
        const positions = decodeFloat32(event.coordsBase64);
        const current = layout();
        setLayout({
          id: null,
          method: "umap",
          positions,
          assignments: current?.positions.length === positions.length ? current.assignments : null,
          clusters: current?.positions.length === positions.length ? current.clusters : [],
          explainedVariance: [],
        });
      }
    };
    const result = await api.computeLayout(runId, request(), id, onEvent);
    projectionId = null;
    batch(() => {
      setProjecting(false);
      setStage(null);
    });
    if (!result.ok) {
      if (result.error.code === "Cancelled" as string) setNotice("Projection cancelled.");
      else deps.onError(result.error);
      return;
    }
    if (deps.runId() !== runId) return;
    setLayout(loadedLayout(result.value));
    const list = await api.listLayouts(runId);
    if (list.ok) setLayouts(list.value);
  }

  async function cancelProjection(): Promise<void> {
    if (projectionId !== null) await api.cancelLayout(projectionId);
  }

  async function pick(index: number | null): Promise<void> {
    setPicked(index);
    setNeighbours([]);
    const runId = deps.runId();
    if (index === null || runId === null) return;
    const result = await api.pointNeighbours(runId, index, NEIGHBOURS);
    if (picked() !== index) return;
    if (result.ok) setNeighbours(result.value);
    else deps.onError(result.error);
  }

  async function search(): Promise<void> {
    const text = searchText().trim();
    const runId = deps.runId();
    if (text === "" || runId === null) {
      clearSearch();
      return;
    }
    if (searchMode() === "text") {
      const matches = matchText(deps.rows()?.texts ?? [], text);
      batch(() => {
        setHits(matches.map((index) => ({ index, similarity: 1 })));
        setQueryPoint(null);
      });
      return;
    }
    setSearching(true);
    const result = await api.searchByMeaning(runId, layout()?.id ?? null, text, SEARCH_HITS);
    setSearching(false);
    if (!result.ok) {
      deps.onError(result.error);
      return;
    }
    batch(() => {
      setHits(result.value.hits);
      const position = result.value.position;
      setQueryPoint(position ? { x: position[0] ?? 0, y: position[1] ?? 0, label: text } : null);
    });
  }

  function clearSearch(): void {
    batch(() => {
      setHits(null);
      setQueryPoint(null);
    });
  }

  const values = createMemo(() => {
    const current = layout();
    const n = current ? current.positions.length / 2 : 0;
    return colourValues(colourBy(), n, current?.assignments ?? null, current?.clusters ?? [], deps.rows());
  });

  const colouring = createMemo(() => coloursFor(values()));

  /** Points of values hidden in the legend are hidden (alpha 0: not pickable either). */
  const visibleColours = createMemo(() => hideColours(colouring().colours, values(), hidden(), 0));

  function toggleHidden(value: string): void {
    const next = new Set(hidden());
    if (next.has(value)) next.delete(value);
    else next.add(value);
    setHidden(next);
  }

  function exportRows(indices: readonly number[]): ExportRow[] {
    const rows = deps.rows();
    const current = layout();
    if (!rows) return [];
    return indices.map((index) => {
      const metadata: Record<string, string> = {};
      rows.metadataColumns.forEach((column, c) => {
        metadata[column] = rows.metadata[index]?.[c] ?? "";
      });
      const cluster = current?.assignments?.[index];
      const label = current?.clusters.find((c) => c.id === cluster)?.label;
      return {
        index,
        text: rows.texts[index] ?? "",
        metadata,
        x: current?.positions[index * 2],
        y: current?.positions[index * 2 + 1],
        cluster: label ?? "",
      };
    });
  }

  async function exportSelection(format: "csv" | "jsonl"): Promise<void> {
    const rows = exportRows(selection());
    const content = format === "csv" ? rowsToCsv(rows, deps.rows()?.metadataColumns ?? []) : rowsToJsonl(rows);
    const saved = await api.saveExport(`selection.${format}`, content);
    if (saved.ok) setNotice(`Saved ${String(rows.length)} rows to ${saved.value}`);
    else deps.onError(saved.error);
  }

  async function exportRun(format: ExportFormat): Promise<void> {
    const runId = deps.runId();
    if (runId === null) return;
    const saved = await api.exportRun(runId, layout()?.id ?? null, format);
    if (saved.ok) setNotice(`Saved ${saved.value.join(", ")}`);
    else deps.onError(saved.error);
  }

  function sendSelectionToChat(): void {
    deps.sendToChat(rowsAsContext(exportRows(selection())));
  }

  return {
    layout,
    layouts,
    request,
    setRequest: (patch: Partial<LayoutRequest>) => setRequest({ ...request(), ...patch }),
    projecting,
    stage,
    epoch,
    colourBy,
    setColourBy: (value: string) => {
      batch(() => {
        setColourBy(value);
        setHidden(new Set<string>());
      });
    },
    colouring,
    visibleColours,
    hidden,
    toggleHidden,
    picked,
    neighbours,
    selection,
    select: setSelection,
    searchText,
    setSearchText,
    searchMode,
    setSearchMode,
    hits,
    queryPoint,
    searching,
    notice,
    setNotice,
    reset,
    openLatestLayout,
    openLayout,
    project,
    cancelProjection,
    pick,
    search,
    clearSearch,
    exportRows,
    exportSelection,
    exportRun,
    sendSelectionToChat,
  };
}

export type MapState = ReturnType<typeof createMapState>;
