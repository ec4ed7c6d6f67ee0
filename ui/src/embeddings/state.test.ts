import { createRoot } from "solid-js";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { DatasetSummary, Estimate, LayoutEvent, LayoutView, RunSummary } from "../bindings";

const api = vi.hoisted(() => ({
  embeddingSamples: vi.fn(),
  listDatasets: vi.fn(),
  embeddingModels: vi.fn(),
  datasetRows: vi.fn(),
  listEmbeddingRuns: vi.fn(),
  importDataset: vi.fn(),
  estimateEmbedding: vi.fn(),
  startEmbedding: vi.fn(),
  runEmbedding: vi.fn(),
  listLayouts: vi.fn(),
  getLayout: vi.fn(),
  computeLayout: vi.fn(),
  searchByMeaning: vi.fn(),
}));
vi.mock("../shared/api", () => api);

const { createEmbeddingsLab } = await import("./state");

function floats(values: number[]): string {
  const view = new DataView(new ArrayBuffer(values.length * 4));
  values.forEach((v, i) => {
    view.setFloat32(i * 4, v, true);
  });
  return btoa(String.fromCharCode(...new Uint8Array(view.buffer)));
}

const dataset: DatasetSummary = { id: 1, name: "d", source: "pasted", count: 2, metadataColumns: [], skippedEmpty: 0, createdMs: 0 };
const spec = { modelId: "amazon.titan-embed-text-v2:0", dimensions: 1024, normalize: true, inputType: null };
const run: RunSummary = {
  id: 5, datasetId: 1, spec, status: "done", total: 2, done: 2, cached: 0, requests: 2, tokens: 4, costUsd: 0, throttles: 0, error: null, createdMs: 0, updatedMs: 0,
};
const view: LayoutView = {
  id: 9, runId: 5, request: { method: "umap", nNeighbours: 15, minDist: 0.1, metric: "cosine", seed: 42 },
  coordsBase64: floats([1, 2, 3, 4]), assignmentsBase64: btoa("\0\0\0\0\0\0\0\0"), clusters: [], explainedVariance: [], createdMs: 0,
};
const estimate = (needsConfirmation: boolean): Estimate => ({
  texts: 2, cached: 0, toEmbed: 2, requests: 2, estimatedTokens: 4, estimatedCostUsd: 0, priceKnown: true, needsConfirmation, tooLong: 0,
});

beforeEach(() => {
  vi.resetAllMocks();
  api.embeddingSamples.mockResolvedValue([]);
  api.listDatasets.mockResolvedValue({ ok: true, value: [] });
  api.embeddingModels.mockResolvedValue({ ok: true, value: [] });
  api.datasetRows.mockResolvedValue({ ok: true, value: { texts: ["apple pie", "Mars rover"], metadataColumns: [], metadata: [[], []] } });
  api.listEmbeddingRuns.mockResolvedValue({ ok: true, value: [] });
  api.listLayouts.mockResolvedValue({ ok: true, value: [] });
});

function lab() {
  return createRoot(() => createEmbeddingsLab({ sendToChat: () => undefined }));
}

describe("the embeddings lab", () => {
  it("keeps what was typed when an import fails, and says why", async () => {
    const state = lab();
    const error = { code: "InvalidRequest", message: "Row 3 has 2 fields", hint: "Fix row 3" };
    api.importDataset.mockResolvedValue({ ok: false, error });
    expect(await state.importDataset({ kind: "pasted", name: null, text: "a\nb" })).toBe(false);
    expect(state.error()).toEqual(error);
    expect(state.datasets()).toEqual([]);
  });

  it("waits for a confirmation before an expensive run, and sends nothing meanwhile", async () => {
    const state = lab();
    api.importDataset.mockResolvedValue({ ok: true, value: dataset });
    await state.importDataset({ kind: "pasted", name: "d", text: "apple pie\nMars rover" });
    api.estimateEmbedding.mockResolvedValue({ ok: true, value: estimate(true) });
    await state.prepareRun();
    expect(state.phase()).toBe("confirm");
    expect(api.startEmbedding).not.toHaveBeenCalled();
    state.cancelConfirm();
    expect(state.phase()).toBe("idle");
  });

  it("embeds, then projects with the layout streaming in, and searches text without the backend", async () => {
    const state = lab();
    api.importDataset.mockResolvedValue({ ok: true, value: dataset });
    await state.importDataset({ kind: "pasted", name: "d", text: "apple pie\nMars rover" });
    api.estimateEmbedding.mockResolvedValue({ ok: true, value: estimate(false) });
    api.startEmbedding.mockResolvedValue({ ok: true, value: { ...run, status: "queued" } });
    api.runEmbedding.mockResolvedValue({ ok: true, value: { error: null } });
    api.listEmbeddingRuns.mockResolvedValue({ ok: true, value: [run] });
    const streamed: number[][] = [];
    api.computeLayout.mockImplementation((_run: number, _request: unknown, _id: string, onEvent: (e: LayoutEvent) => void) => {
      onEvent({ kind: "layout", epoch: 0, nEpochs: 10, coordsBase64: floats([0, 0, 1, 1]), elapsedMs: 5 });
      streamed.push(Array.from(state.map.layout()?.positions ?? []));
      return Promise.resolve({ ok: true, value: view });
    });
    await state.prepareRun();
    expect(api.startEmbedding).toHaveBeenCalledOnce();
    expect(streamed).toEqual([[0, 0, 1, 1]]);
    expect(Array.from(state.map.layout()?.positions ?? [])).toEqual([1, 2, 3, 4]);
    state.map.setSearchMode("text");
    state.map.setSearchText("MARS");
    await state.map.search();
    expect(state.map.hits()).toEqual([{ index: 1, similarity: 1 }]);
    expect(api.searchByMeaning).not.toHaveBeenCalled();
  });
});
