// The backend as the UI sees it: typed commands with `{code, message, hint}` errors.
import { Channel } from "@tauri-apps/api/core";
import {
  commands,
  type BackendInfo,
  type CatalogueView,
  type ChatEvent,
  type ChatRun,
  type ChatOutcome,
  type Conversation,
  type ConversationPage,
  type ConversationSummary,
  type PromptContent,
  type PromptSummary,
  type PromptVersion,
  type StorageError,
  type WireChanges,
  type WireExchange,
  type FormatPreview,
  type FormatError,
  type NativeRun,
  type PromptSpec,
  type SnippetApi,
  type SnippetLanguage,
  type ChatRequest,
  type ClientError,
  type ConnectionReport,
  type Deleted,
  type NewProfile,
  type ProfileError,
  type ProfileList,
  type ProfileSummary,
  type ProfileUpdate,
  type AppSettings,
  type AttachmentInfo,
  type PriceTable,
  type RunLink,
  type Preview,
  type PreviewRequest,
  type DatasetRows,
  type DatasetSummary,
  type EmbeddingModelInfo,
  type EmbeddingSpec,
  type Estimate,
  type ExportFormat,
  type ImportRequest,
  type JobOutcome,
  type JobProgress,
  type LayoutEvent,
  type LayoutRequest,
  type LayoutSummary,
  type LayoutView,
  type MeaningSearch,
  type NeighbourHit,
  type OverlapReport,
  type RunSummary,
  type SampleInfo,
  type DocumentInfo,
  type FilterProblem,
  type GenerateOutcome,
  type GenerateRequest,
  type KnowledgeBaseDetails,
  type KnowledgeBaseSummary,
  type KnowledgeEvent,
  type Lint,
  type PreviewResult,
  type RerankModelInfo,
  type RetrieveOutcome,
  type RetrieveRequest,
} from "../bindings";

/** Every error the backend returns has this shape; `code` tells which. */
export type Result<T, E extends ClientError | ProfileError | StorageError | FormatError = ClientError> =
  | { ok: true; value: T }
  | { ok: false; error: E | ClientError };

type Binding<T, E> = { status: "ok"; data: T } | { status: "error"; error: E };

/** A failure of the IPC itself (not one the backend classified). */
function ipcFailure(error: unknown): ClientError {
  return {
    code: "Unknown",
    message: error instanceof Error ? error.message : String(error),
    hint: "The app's backend did not answer. Restart the app; if it persists, report it.",
  };
}

async function call<T, E extends ClientError | ProfileError | StorageError | FormatError = ClientError>(
  invoke: () => Promise<Binding<T, E>>,
): Promise<Result<T, E>> {
  try {
    const result = await invoke();
    return result.status === "ok" ? { ok: true, value: result.data } : { ok: false, error: result.error };
  } catch (error) {
    return { ok: false, error: ipcFailure(error) };
  }
}

export const backendStatus = (): Promise<Result<BackendInfo>> => call(() => commands.backendStatus());

export const listModels = (refresh: boolean): Promise<Result<CatalogueView>> =>
  call(() => commands.listModels(refresh));

export const favouriteModels = (): Promise<string[]> => commands.favouriteModels().catch(() => []);

export const toggleFavourite = (modelId: string): Promise<Result<string[]>> =>
  call(() => commands.toggleFavourite(modelId));

/** Stream one answer; `onEvent` sees every event in order. Resolves when the stream ends. */
export function streamChat(
  streamId: string,
  request: ChatRequest,
  link: RunLink,
  onEvent: (event: ChatEvent) => void,
): Promise<Result<ChatRun>> {
  const channel = new Channel<ChatEvent>();
  channel.onmessage = onEvent;
  return call(() => commands.chatStream(streamId, request, link, channel));
}

export async function cancelChat(streamId: string): Promise<void> {
  await commands.cancelChat(streamId).catch(() => undefined);
}

export const listProfiles = (): Promise<ProfileList> => commands.listProfiles();

export const addProfile = (profile: NewProfile): Promise<Result<ProfileSummary, ProfileError>> =>
  call(() => commands.addProfile(profile));

export const updateProfile = (id: string, update: ProfileUpdate): Promise<Result<ProfileSummary, ProfileError>> =>
  call(() => commands.updateProfile(id, update));

export const renameProfile = (id: string, name: string): Promise<Result<ProfileSummary, ProfileError>> =>
  call(() => commands.renameProfile(id, name));

export const deleteProfile = (id: string): Promise<Result<Deleted, ProfileError>> =>
  call(() => commands.deleteProfile(id));

export const setActiveProfile = (id: string): Promise<Result<BackendInfo>> =>
  call(() => commands.setActiveProfile(id));

export const testConnection = (id: string): Promise<Result<ConnectionReport, ProfileError>> =>
  call(() => commands.testConnection(id));

export const priceTable = (): Promise<PriceTable | null> => commands.priceTable().catch(() => null);

export const getSettings = (): Promise<AppSettings> => commands.getSettings();

export const saveSettings = (settings: AppSettings): Promise<Result<AppSettings>> =>
  call(() => commands.saveSettings(settings));

export const listConversations = (query: string): Promise<Result<ConversationSummary[], StorageError>> =>
  call(() => commands.listConversations(query === "" ? null : query));

export const getConversation = (id: string): Promise<Result<Conversation, StorageError>> =>
  call(() => commands.getConversation(id));

export const deleteConversation = (id: string): Promise<Result<null, StorageError>> =>
  call(() => commands.deleteConversation(id));

export const branchConversation = (runId: string): Promise<Result<Conversation, StorageError>> =>
  call(() => commands.branchConversation(runId));

export const exportConversation = (id: string): Promise<Result<string, StorageError>> =>
  call(() => commands.exportConversation(id));

export const importConversation = (json: string): Promise<Result<Conversation, StorageError>> =>
  call(() => commands.importConversation(json));

export const savePrompt = (name: string, content: PromptContent): Promise<Result<PromptVersion, StorageError>> =>
  call(() => commands.savePrompt(name, content));

export const listPrompts = (): Promise<Result<PromptSummary[], StorageError>> => call(() => commands.listPrompts());

export const promptVersions = (id: string): Promise<Result<PromptVersion[], StorageError>> =>
  call(() => commands.promptVersions(id));

export const deletePrompt = (id: string): Promise<Result<null, StorageError>> => call(() => commands.deletePrompt(id));

export const describeAttachment = (name: string, dataBase64: string): Promise<Result<AttachmentInfo>> =>
  call(() => commands.describeAttachment(name, dataBase64));

export const wireExchanges = (): Promise<WireExchange[]> => commands.wireExchanges().catch(() => []);

/** Summaries of the exchanges recorded or changed after `since`; `null` when the backend did not answer. */
export const wireChanges = (since: number): Promise<WireChanges | null> => commands.wireChanges(since).catch(() => null);

/** One exchange in full (headers, bodies, frames); `null` once it is no longer kept. */
export const wireExchange = (id: number): Promise<WireExchange | null> => commands.wireExchange(id).catch(() => null);

/** One page of the history list, newest first; `cursor` is the previous page's `nextCursor`. */
export const historyPage = (query: string | null, cursor: string | null, limit: number): Promise<Result<ConversationPage, StorageError>> =>
  call(() => commands.historyPage(query, cursor, limit));

export const clearWireExchanges = (): Promise<void> => commands.clearWireExchanges().catch(() => undefined);

export const formatPreview = (spec: PromptSpec): Promise<Result<FormatPreview>> =>
  call(async () => ({ status: "ok" as const, data: await commands.formatPreview(spec) }));

export const runNativeBody = (modelId: string, bodyJson: string): Promise<Result<NativeRun>> =>
  call(() => commands.runNativeBody(modelId, bodyJson));

export const runConverse = (request: ChatRequest): Promise<Result<ChatOutcome>> => call(() => commands.runConverse(request));

export const codeSnippet = (language: SnippetLanguage, target: SnippetApi, modelId: string, bodyJson: string): Promise<Result<string>> =>
  call(() => commands.codeSnippet(language, target, modelId, bodyJson));

export const embeddingPreview = (modelId: string, text: string): Promise<Result<string, FormatError>> =>
  call(() => commands.embeddingPreview(modelId, text));

// The embeddings lab.

export const embeddingSamples = (): Promise<SampleInfo[]> => commands.embeddingSamples().catch(() => []);

export const listDatasets = (): Promise<Result<DatasetSummary[]>> => call(() => commands.listDatasets());

export const previewDataset = (request: PreviewRequest): Promise<Result<Preview>> =>
  call(() => commands.previewDataset(request));

export const importDataset = (request: ImportRequest): Promise<Result<DatasetSummary>> =>
  call(() => commands.importDataset(request));

export const importSample = (sampleId: string): Promise<Result<DatasetSummary>> =>
  call(() => commands.importSample(sampleId));

export const deleteDataset = (datasetId: number): Promise<Result<null>> => call(() => commands.deleteDataset(datasetId));

export const datasetRows = (datasetId: number): Promise<Result<DatasetRows>> => call(() => commands.datasetRows(datasetId));

export const embeddingModels = (): Promise<Result<EmbeddingModelInfo[]>> => call(() => commands.embeddingModels());

export const listEmbeddingRuns = (datasetId: number): Promise<Result<RunSummary[]>> =>
  call(() => commands.listEmbeddingRuns(datasetId));

export const estimateEmbedding = (datasetId: number, spec: EmbeddingSpec): Promise<Result<Estimate>> =>
  call(() => commands.estimateEmbedding(datasetId, spec));

export const startEmbedding = (datasetId: number, spec: EmbeddingSpec): Promise<Result<RunSummary>> =>
  call(() => commands.startEmbedding(datasetId, spec));

/** Embed (or resume) a run; `onProgress` sees its progress until it ends. */
export function runEmbedding(runId: number, onProgress: (progress: JobProgress) => void): Promise<Result<JobOutcome>> {
  const channel = new Channel<JobProgress>();
  channel.onmessage = onProgress;
  return call(() => commands.runEmbedding(runId, channel));
}

export const cancelEmbedding = (runId: number): Promise<boolean> => commands.cancelEmbedding(runId).catch(() => false);

export const listLayouts = (runId: number): Promise<Result<LayoutSummary[]>> => call(() => commands.listLayouts(runId));

export const getLayout = (layoutId: number): Promise<Result<LayoutView>> => call(() => commands.getLayout(layoutId));

/** Project a run; UMAP's layout so far arrives through `onEvent` as it improves. */
export function computeLayout(
  runId: number,
  request: LayoutRequest,
  jobId: string,
  onEvent: (event: LayoutEvent) => void,
): Promise<Result<LayoutView>> {
  const channel = new Channel<LayoutEvent>();
  channel.onmessage = onEvent;
  return call(() => commands.computeLayout(runId, request, jobId, channel));
}

export const cancelLayout = (jobId: string): Promise<boolean> => commands.cancelLayout(jobId).catch(() => false);

export const pointNeighbours = (runId: number, index: number, k: number): Promise<Result<NeighbourHit[]>> =>
  call(() => commands.pointNeighbours(runId, index, k));

export const searchByMeaning = (
  runId: number,
  layoutId: number | null,
  query: string,
  k: number,
): Promise<Result<MeaningSearch>> => call(() => commands.searchByMeaning(runId, layoutId, query, k));

export const compareRuns = (runA: number, runB: number, k: number): Promise<Result<OverlapReport>> =>
  call(() => commands.compareRuns(runA, runB, k));

export const exportRun = (runId: number, layoutId: number | null, format: ExportFormat): Promise<Result<string[]>> =>
  call(() => commands.exportRun(runId, layoutId, format));

/** Write a text export (a selection as CSV or JSONL) to the exports folder; resolves to its path. */
export const saveExport = (fileName: string, content: string): Promise<Result<string>> =>
  call(() => commands.saveExport(fileName, content));

// The knowledge-bases lab.

export const listKnowledgeBases = (): Promise<Result<KnowledgeBaseSummary[]>> => call(() => commands.listKnowledgeBases());

export const describeKnowledgeBase = (knowledgeBaseId: string): Promise<Result<KnowledgeBaseDetails>> =>
  call(() => commands.describeKnowledgeBase(knowledgeBaseId));

export const listKnowledgeBaseDocuments = (knowledgeBaseId: string, dataSourceId: string): Promise<Result<DocumentInfo[]>> =>
  call(() => commands.listKnowledgeBaseDocuments(knowledgeBaseId, dataSourceId));

export const knowledgeRetrieve = (request: RetrieveRequest): Promise<Result<RetrieveOutcome>> =>
  call(() => commands.knowledgeRetrieve(request));

/** Stream one cited answer; `onEvent` sees every event in order. Resolves when the stream ends. */
export function knowledgeGenerateStream(
  streamId: string,
  request: GenerateRequest,
  onEvent: (event: KnowledgeEvent) => void,
): Promise<Result<GenerateOutcome>> {
  const channel = new Channel<KnowledgeEvent>();
  channel.onmessage = onEvent;
  return call(() => commands.knowledgeGenerateStream(streamId, request, channel));
}

export const cancelKnowledgeStream = (streamId: string): Promise<boolean> =>
  commands.cancelKnowledgeStream(streamId).catch(() => false);

export const knowledgeModelArn = (modelId: string): Promise<Result<string>> => call(() => commands.knowledgeModelArn(modelId));

export const knowledgePromptLint = (template: string): Promise<Lint[]> => commands.knowledgePromptLint(template).catch(() => []);

export const knowledgePromptPreview = (template: string, query: string, results: PreviewResult[]): Promise<Result<string>> =>
  call(async () => ({ status: "ok" as const, data: await commands.knowledgePromptPreview(template, query, results, new Date().toISOString()) }));

export const knowledgeDefaultTemplate = (): Promise<string> => commands.knowledgeDefaultTemplate().catch(() => "");

export const checkKnowledgeFilter = (filterJson: string): Promise<FilterProblem | null> =>
  commands.checkKnowledgeFilter(filterJson).catch(() => null);

export const knowledgeRerankModels = (): Promise<RerankModelInfo[]> => commands.knowledgeRerankModels().catch(() => []);

/** The knowledge base's chunks on a map with the query placed among them ("On the map"). */
export const knowledgeMap = (
  request: import("../bindings").KnowledgeMapRequest,
): Promise<Result<import("../bindings").KnowledgeMap>> => call(() => commands.knowledgeMap(request));

/** "Copy as code" for the knowledge lab's Retrieve or RetrieveAndGenerate request. */
export const knowledgeCodeSnippet = (
  language: SnippetLanguage,
  retrieve: import("../bindings").RetrieveRequest | null,
  generate: import("../bindings").GenerateRequest | null,
): Promise<Result<string>> => call(() => commands.knowledgeCodeSnippet(language, retrieve, generate));
