// Two embeddings of one dataset side by side: their maps, a selection linked across both, and how
// many of each text's nearest neighbours the two agree on.
import { batch, createSignal } from "solid-js";
import * as api from "../shared/api";
import type { ClientError, RunSummary } from "../bindings";
import { decodeFloat32 } from "./logic/floats";
import { defaultLayoutRequest, loadedLayout, type LoadedLayout } from "./mapState";

export const OVERLAP_K = 10;

export interface Overlap {
  k: number;
  perPoint: Float32Array;
  mean: number;
  leastOverlap: number[];
}

export function createCompareState(deps: { runs: () => RunSummary[]; onError: (error: ClientError | null) => void }) {
  const [runA, setRunA] = createSignal<number | null>(null);
  const [runB, setRunB] = createSignal<number | null>(null);
  const [layoutA, setLayoutA] = createSignal<LoadedLayout | null>(null);
  const [layoutB, setLayoutB] = createSignal<LoadedLayout | null>(null);
  const [overlap, setOverlap] = createSignal<Overlap | null>(null);
  const [working, setWorking] = createSignal<string | null>(null);
  const [selection, setSelection] = createSignal<number[]>([]);
  const [hovered, setHovered] = createSignal<number | null>(null);

  /** Pick the two most recent finished runs when nothing is chosen yet. */
  function suggest(): void {
    const done = deps.runs().filter((r) => r.status === "done");
    if (runA() === null || !done.some((r) => r.id === runA())) setRunA(done[0]?.id ?? null);
    if (runB() === null || runB() === runA() || !done.some((r) => r.id === runB())) {
      setRunB(done.find((r) => r.id !== runA())?.id ?? null);
    }
  }

  async function layoutOf(runId: number): Promise<LoadedLayout | null> {
    const list = await api.listLayouts(runId);
    if (!list.ok) {
      deps.onError(list.error);
      return null;
    }
    const latest = list.value[0];
    const view = latest
      ? await api.getLayout(latest.id)
      : await api.computeLayout(runId, defaultLayoutRequest(), `compare-${String(runId)}`, () => undefined);
    if (!view.ok) {
      deps.onError(view.error);
      return null;
    }
    return loadedLayout(view.value);
  }

  async function compare(): Promise<void> {
    const a = runA();
    const b = runB();
    if (a === null || b === null || a === b || working() !== null) return;
    batch(() => {
      setOverlap(null);
      setSelection([]);
      setWorking("Comparing neighbourhoods…");
    });
    const report = await api.compareRuns(a, b, OVERLAP_K);
    if (!report.ok) {
      setWorking(null);
      deps.onError(report.error);
      return;
    }
    setOverlap({
      k: report.value.k,
      perPoint: decodeFloat32(report.value.perPointBase64),
      mean: report.value.mean ?? 0,
      leastOverlap: report.value.leastOverlap,
    });
    setWorking("Loading both maps…");
    const [first, second] = await Promise.all([layoutOf(a), layoutOf(b)]);
    batch(() => {
      setLayoutA(first);
      setLayoutB(second);
      setWorking(null);
    });
  }

  return {
    runA,
    runB,
    setRunA,
    setRunB,
    layoutA,
    layoutB,
    overlap,
    working,
    selection,
    select: setSelection,
    hovered,
    setHovered,
    suggest,
    compare,
  };
}

export type CompareState = ReturnType<typeof createCompareState>;
