// The embeddings lab: which dataset, which model and options, the run that embeds it, and its map.
import { batch, createSignal } from "solid-js";
import * as api from "../shared/api";
import type {
  ClientError,
  Preview,
  PreviewRequest,
  DatasetRows,
  DatasetSummary,
  EmbeddingModelInfo,
  EmbeddingSpec,
  Estimate,
  ImportRequest,
  JobProgress,
  RunSummary,
  SampleInfo,
} from "../bindings";
import { defaultSpec, specFor } from "./logic/spec";
import { createMapState } from "./mapState";

export type EmbedPhase = "idle" | "estimating" | "confirm" | "running";

export function createEmbeddingsLab(deps: { sendToChat: (text: string) => void }) {
  const [samples, setSamples] = createSignal<SampleInfo[]>([]);
  const [datasets, setDatasets] = createSignal<DatasetSummary[]>([]);
  const [models, setModels] = createSignal<EmbeddingModelInfo[]>([]);
  const [modelsError, setModelsError] = createSignal<ClientError | null>(null);
  const [datasetId, setDatasetId] = createSignal<number | null>(null);
  const [rows, setRows] = createSignal<DatasetRows | null>(null);
  const [spec, setSpec] = createSignal<EmbeddingSpec>(defaultSpec(null));
  const [estimate, setEstimate] = createSignal<Estimate | null>(null);
  const [phase, setPhase] = createSignal<EmbedPhase>("idle");
  const [progress, setProgress] = createSignal<JobProgress | null>(null);
  const [runs, setRuns] = createSignal<RunSummary[]>([]);
  const [runId, setRunId] = createSignal<number | null>(null);
  const [error, setError] = createSignal<ClientError | null>(null);
  const [importing, setImporting] = createSignal(false);
  const [preview, setPreview] = createSignal<Preview | null>(null);
  const map = createMapState({ runId, rows, sendToChat: deps.sendToChat, onError: setError });

  const dataset = () => datasets().find((d) => d.id === datasetId()) ?? null;
  const run = () => runs().find((r) => r.id === runId()) ?? null;

  async function load(): Promise<void> {
    const [sampleList, datasetList] = await Promise.all([api.embeddingSamples(), api.listDatasets()]);
    setSamples(sampleList);
    if (datasetList.ok) setDatasets(datasetList.value);
    else setError(datasetList.error);
    const modelList = await api.embeddingModels();
    if (modelList.ok) {
      setModels(modelList.value);
      setModelsError(null);
      if (!modelList.value.some((m) => m.modelId === spec().modelId)) setSpec(defaultSpec(modelList.value[0] ?? null));
    } else {
      setModelsError(modelList.error);
    }
    const first = datasetList.ok ? datasetList.value[0] : undefined;
    if (datasetId() === null && first) await selectDataset(first.id);
  }

  async function selectDataset(id: number): Promise<void> {
    batch(() => {
      setDatasetId(id);
      setRows(null);
      setEstimate(null);
      setRuns([]);
      setRunId(null);
      setError(null);
      map.reset();
    });
    const [loadedRows, runList] = await Promise.all([api.datasetRows(id), api.listEmbeddingRuns(id)]);
    if (datasetId() !== id) return;
    if (loadedRows.ok) setRows(loadedRows.value);
    else setError(loadedRows.error);
    if (runList.ok) {
      setRuns(runList.value);
      const done = runList.value.find((r) => r.status === "done");
      if (done) await selectRun(done.id);
    }
  }

  async function selectRun(id: number): Promise<void> {
    setRunId(id);
    const found = runs().find((r) => r.id === id);
    if (found) setSpec(found.spec);
    await map.openLatestLayout(id);
  }

  function added(summary: DatasetSummary): void {
    setDatasets([summary, ...datasets().filter((d) => d.id !== summary.id)]);
  }

  async function importSample(sampleId: string): Promise<void> {
    setImporting(true);
    const result = await api.importSample(sampleId);
    setImporting(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    added(result.value);
    await selectDataset(result.value.id);
  }

  async function previewImport(request: PreviewRequest): Promise<void> {
    const result = await api.previewDataset(request);
    if (result.ok) {
      setPreview(result.value);
      setError(null);
    } else {
      setPreview(null);
      setError(result.error);
    }
  }

  /** Import a dataset; `true` when it worked, so the form may clear what was typed. */
  async function importDataset(request: ImportRequest): Promise<boolean> {
    setImporting(true);
    const result = await api.importDataset(request);
    setImporting(false);
    if (!result.ok) {
      setError(result.error);
      return false;
    }
    setPreview(null);
    added(result.value);
    await selectDataset(result.value.id);
    return true;
  }

  async function deleteDataset(id: number): Promise<void> {
    const result = await api.deleteDataset(id);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setDatasets(datasets().filter((d) => d.id !== id));
    if (datasetId() === id) {
      batch(() => {
        setDatasetId(null);
        setRows(null);
        setRuns([]);
        setRunId(null);
        map.reset();
      });
    }
  }

  function pickModel(modelId: string): void {
    setSpec(specFor(models().find((m) => m.modelId === modelId) ?? null, spec()));
    setEstimate(null);
  }

  function editSpec(patch: Partial<EmbeddingSpec>): void {
    setSpec({ ...spec(), ...patch });
    setEstimate(null);
  }

  /** Show what the run will cost; large runs wait for a confirmation. */
  async function prepareRun(): Promise<void> {
    const id = datasetId();
    if (id === null || phase() === "running") return;
    setPhase("estimating");
    const result = await api.estimateEmbedding(id, spec());
    if (!result.ok) {
      setPhase("idle");
      setError(result.error);
      return;
    }
    setEstimate(result.value);
    setError(null);
    if (result.value.needsConfirmation) setPhase("confirm");
    else await startRun();
  }

  async function startRun(): Promise<void> {
    const id = datasetId();
    if (id === null) return;
    const created = await api.startEmbedding(id, spec());
    if (!created.ok) {
      setPhase("idle");
      setError(created.error);
      return;
    }
    setRuns([created.value, ...runs().filter((r) => r.id !== created.value.id)]);
    setRunId(created.value.id);
    map.reset();
    await follow(created.value.id);
  }

  /** Run (or resume) `id`, showing its progress; texts already embedded are not paid again. */
  async function follow(id: number): Promise<void> {
    setRunId(id);
    setPhase("running");
    setProgress(null);
    setError(null);
    const outcome = await api.runEmbedding(id, (p) => setProgress(p));
    setPhase("idle");
    const current = datasetId();
    const refreshed = current === null ? null : await api.listEmbeddingRuns(current);
    if (refreshed?.ok) setRuns(refreshed.value);
    if (!outcome.ok) {
      setError(outcome.error);
      return;
    }
    if (outcome.value.error) setError(outcome.value.error);
    if (runId() === id && run()?.status === "done") await map.project(id);
  }

  async function cancelRun(): Promise<void> {
    const id = runId();
    if (id !== null) await api.cancelEmbedding(id);
  }

  return {
    samples,
    datasets,
    dataset,
    datasetId,
    rows,
    models,
    modelsError,
    spec,
    estimate,
    phase,
    progress,
    runs,
    run,
    runId,
    error,
    setError,
    importing,
    preview,
    setPreview,
    map,
    load,
    selectDataset,
    selectRun,
    importSample,
    previewImport,
    importDataset,
    deleteDataset,
    pickModel,
    editSpec,
    prepareRun,
    startRun,
    follow,
    cancelRun,
    cancelConfirm: () => setPhase("idle"),
  };
}

export type EmbeddingsLab = ReturnType<typeof createEmbeddingsLab>;
