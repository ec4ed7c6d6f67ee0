// The knowledge-bases lab: the picked knowledge base, the settings, Retrieve results, the
// session's turns (RetrieveAndGenerateStream) and the retrieval trace.
import { createSignal } from "solid-js";
import * as api from "../shared/api";
import type {
  CitationInfo,
  ClientError,
  GenerateRequest,
  InferenceParams,
  KnowledgeBaseDetails,
  KnowledgeBaseSummary,
  KnowledgeEvent,
  KnowledgeMap,
  Lint,
  RerankModelInfo,
  RetrievalSettings,
  RetrievedChunk,
  RetrieveOutcome,
  MapChunk,
  SearchKind,
  SnippetLanguage,
} from "../bindings";
import type { Chat } from "../chat";
import { emptyForm, formToJson, jsonToForm, metadataKeys, type FilterForm } from "./logic/filter";
import { lintView } from "./logic/lint";
import { compareRuns, type Comparison } from "./logic/trace";
import { accumulate } from "./map/logic";

export type Mode = "retrieve" | "generate" | "trace" | "map";

export interface Turn {
  id: number;
  question: string;
  answer: string;
  citations: CitationInfo[];
  status: "streaming" | "done" | "stopped" | "failed";
  error: ClientError | null;
  guardrail: string | null;
  sessionId: string | null;
}

/** One setting of the trace's side-by-side comparison. */
export interface Variant {
  searchType: SearchKind;
  rerankModel: string;
  useFilter: boolean;
}

export interface TraceResult {
  labels: string[];
  comparison: Comparison;
}

const invalid = (message: string, hint: string): ClientError => ({ code: "InvalidRequest", message, hint });

function parseOptionalNumber(text: string): number | null {
  if (text.trim() === "") return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : NaN;
}

/** The chat's model is the generation model until one is picked here. */
export function createKnowledgeLab(chat: Pick<Chat, "modelId">) {
  const [bases, setBases] = createSignal<KnowledgeBaseSummary[] | null>(null);
  const [listError, setListError] = createSignal<ClientError | null>(null);
  const [listing, setListing] = createSignal(false);
  const [typedId, setTypedId] = createSignal("");
  const [selected, setSelected] = createSignal<KnowledgeBaseDetails | null>(null);
  const [describeError, setDescribeError] = createSignal<ClientError | null>(null);
  const [mode, setMode] = createSignal<Mode>("retrieve");
  const [query, setQuery] = createSignal("");
  const [error, setError] = createSignal<ClientError | null>(null);

  // Settings.
  const [numberOfResults, setNumberOfResults] = createSignal("5");
  const [searchType, setSearchType] = createSignal<SearchKind>("default");
  const [filterMode, setFilterMode] = createSignal<"builder" | "json">("builder");
  const [filterForm, setFilterFormSignal] = createSignal<FilterForm>(emptyForm());
  const [filterText, setFilterText] = createSignal("");
  const [filterProblem, setFilterProblem] = createSignal<string | null>(null);
  const [rerankModels, setRerankModels] = createSignal<RerankModelInfo[]>([]);
  const [rerankModel, setRerankModel] = createSignal("");
  const [rerankCount, setRerankCount] = createSignal("");
  const [customTemplate, setCustomTemplate] = createSignal(false);
  const [template, setTemplateSignal] = createSignal("");
  const [lints, setLints] = createSignal<Lint[]>([]);
  const [preview, setPreview] = createSignal<string | null>(null);
  const [previewError, setPreviewError] = createSignal<ClientError | null>(null);
  const [maxTokens, setMaxTokens] = createSignal("");
  const [temperature, setTemperature] = createSignal("");
  const [topP, setTopP] = createSignal("");
  const [stopSequences, setStopSequences] = createSignal("");
  const [guardrailId, setGuardrailId] = createSignal("");
  const [guardrailVersion, setGuardrailVersion] = createSignal("");
  const [queryDecomposition, setQueryDecomposition] = createSignal(false);
  const [modelId, setModelId] = createSignal("");
  const [modelArn, setModelArn] = createSignal<string | null>(null);
  const [arnError, setArnError] = createSignal<ClientError | null>(null);

  // Results.
  const [retrieving, setRetrieving] = createSignal(false);
  const [results, setResults] = createSignal<RetrieveOutcome | null>(null);
  const [seenMetadata, setSeenMetadata] = createSignal<string[]>([]);
  const [turns, setTurns] = createSignal<Turn[]>([]);
  const [sessionId, setSessionId] = createSignal<string | null>(null);
  const [streamId, setStreamId] = createSignal<string | null>(null);
  const [openChunk, setOpenChunk] = createSignal<RetrievedChunk | null>(null);

  // Trace.
  const [traceK, setTraceK] = createSignal("5");
  const [ranking, setRanking] = createSignal<RetrievedChunk[] | null>(null);
  const [variants, setVariants] = createSignal<Variant[]>([
    { searchType: "semantic", rerankModel: "", useFilter: true },
    { searchType: "hybrid", rerankModel: "", useFilter: true },
  ]);
  const [trace, setTrace] = createSignal<TraceResult | null>(null);
  const [tracing, setTracing] = createSignal(false);

  // On the map: the chunks seen in this knowledge base's retrievals and citations, the last query.
  const [seenChunks, setSeenChunks] = createSignal<MapChunk[]>([]);
  const [lastQuery, setLastQuery] = createSignal("");
  const [chunkMap, setChunkMap] = createSignal<KnowledgeMap | null>(null);
  const [mapping, setMapping] = createSignal(false);
  const [mappedQuery, setMappedQuery] = createSignal("");

  const knowledgeBaseId = () => selected()?.knowledgeBaseId ?? "";
  const suggestedKeys = () => metadataKeys(seenMetadata());
  const lintState = () => lintView(lints(), customTemplate());
  const streaming = () => streamId() !== null;
  const effectiveModel = () => (modelId() !== "" ? modelId() : chat.modelId());

  function remember(chunks: readonly RetrievedChunk[]): void {
    setSeenChunks(accumulate(seenChunks(), chunks));
    const next = [...seenMetadata(), ...chunks.map((c) => c.metadataJson)];
    setSeenMetadata(next.slice(-500));
  }

  async function load(): Promise<void> {
    if (rerankModels().length === 0) setRerankModels(await api.knowledgeRerankModels());
    if (template() === "") setTemplateSignal(await api.knowledgeDefaultTemplate());
    await refresh();
  }

  async function refresh(): Promise<void> {
    setListing(true);
    const listed = await api.listKnowledgeBases();
    setListing(false);
    if (!listed.ok) {
      setListError(listed.error);
      setBases(null);
      return;
    }
    setListError(null);
    setBases(listed.value);
    const current = selected();
    const first = listed.value.find((b) => b.details !== null);
    if (current === null && first?.details) pick(first);
  }

  function pick(summary: KnowledgeBaseSummary): void {
    setDescribeError(summary.detailsError);
    if (summary.details) selectDetails(summary.details);
  }

  function selectDetails(details: KnowledgeBaseDetails): void {
    if (details.knowledgeBaseId !== selected()?.knowledgeBaseId) {
      setResults(null);
      setRanking(null);
      setTrace(null);
      setSeenChunks([]);
      setLastQuery("");
      setChunkMap(null);
      newSession();
    }
    setSelected(details);
  }

  /** Describe a typed-in id (for when listing is denied). */
  async function openTyped(): Promise<void> {
    const id = typedId().trim();
    if (id === "") return;
    const described = await api.describeKnowledgeBase(id);
    if (!described.ok) {
      setDescribeError(described.error);
      return;
    }
    setDescribeError(null);
    selectDetails(described.value);
  }

  function setFilterForm(form: FilterForm): void {
    setFilterFormSignal(form);
    setFilterText(formToJson(form));
    setFilterProblem(null);
  }

  /** Switch the filter editor; JSON that the builder cannot show keeps the JSON view. */
  function switchFilterMode(next: "builder" | "json"): void {
    if (next === "builder") {
      const form = jsonToForm(filterText());
      if (form === null) {
        setFilterProblem("This filter does not fit the builder (deeper nesting or invalid JSON); edit it as JSON.");
        return;
      }
      setFilterFormSignal(form);
    } else {
      setFilterText(formToJson(filterForm()));
    }
    setFilterProblem(null);
    setFilterMode(next);
  }

  const currentFilter = () => (filterMode() === "builder" ? formToJson(filterForm()) : filterText().trim());

  /** The filter JSON to send, checked by the backend first; `undefined` after reporting a problem. */
  async function checkedFilter(): Promise<string | null | undefined> {
    const text = currentFilter();
    if (text === "") return null;
    const problem = await api.checkKnowledgeFilter(text);
    if (problem) {
      const place = problem.path === "" ? "the filter" : problem.path;
      const message = `Invalid metadata filter at ${place}: ${problem.message}`;
      setFilterProblem(message);
      setError(
        invalid(
          message,
          'Fix the filter under Settings → Metadata filter. A filter is one operator ({"equals": {"key": "k", "value": v}}) or {"andAll"|"orAll": [two or more filters]}.',
        ),
      );
      return undefined;
    }
    setFilterProblem(null);
    return text;
  }

  function retrievalBase(filter: string | null): RetrievalSettings | ClientError {
    const n = parseOptionalNumber(numberOfResults());
    if (n !== null && (!Number.isInteger(n) || n < 1 || n > 100)) {
      return invalid("The number of results must be a whole number from 1 to 100.", "Set it under Settings → Number of results.");
    }
    const reranked = parseOptionalNumber(rerankCount());
    if (reranked !== null && (!Number.isInteger(reranked) || reranked < 1 || reranked > 100)) {
      return invalid("The number of reranked results must be a whole number from 1 to 100.", "Set it under Settings → Reranking.");
    }
    return {
      numberOfResults: n,
      searchType: searchType(),
      filterJson: filter,
      reranking: rerankModel() === "" ? null : { modelId: rerankModel(), numberOfRerankedResults: reranked },
    };
  }

  function ready(): boolean {
    if (knowledgeBaseId() === "") {
      setError(invalid("Pick a knowledge base first.", "Choose one in the list, or type its ID when listing is denied."));
      return false;
    }
    if (query().trim() === "") {
      setError(invalid("Type a query first.", "Write what you want to find in the knowledge base."));
      return false;
    }
    return true;
  }

  async function retrieve(): Promise<void> {
    if (!ready()) return;
    const filter = await checkedFilter();
    if (filter === undefined) return;
    const settings = retrievalBase(filter);
    if ("code" in settings) {
      setError(settings);
      return;
    }
    setError(null);
    setRetrieving(true);
    const outcome = await api.knowledgeRetrieve({ knowledgeBaseId: knowledgeBaseId(), query: query(), settings, nextToken: null });
    setRetrieving(false);
    if (!outcome.ok) {
      setError(outcome.error);
      return;
    }
    setResults(outcome.value);
    setLastQuery(query());
    remember(outcome.value.chunks);
  }

  function inference(): InferenceParams | ClientError {
    const values = { maxTokens: parseOptionalNumber(maxTokens()), temperature: parseOptionalNumber(temperature()), topP: parseOptionalNumber(topP()) };
    for (const [name, value] of Object.entries(values)) {
      if (Number.isNaN(value)) return invalid(`${name} must be a number.`, "Fix it under Settings → Inference parameters.");
    }
    const stops = stopSequences()
      .split("\n")
      .map((s) => s.trim())
      .filter((s) => s !== "");
    return { ...values, stopSequences: stops };
  }

  function generateRequest(retrieval: RetrievalSettings, params: InferenceParams): GenerateRequest {
    return {
      knowledgeBaseId: knowledgeBaseId(),
      question: query(),
      sessionId: sessionId(),
      modelId: effectiveModel(),
      accountId: null,
      retrieval,
      promptTemplate: customTemplate() ? template() : null,
      inference: params,
      guardrail: guardrailId().trim() === "" ? null : { guardrailId: guardrailId(), guardrailVersion: guardrailVersion().trim() || "DRAFT" },
      queryDecomposition: queryDecomposition(),
    };
  }

  /** "Copy as code": the request the current panel would send, in `language`, never with a key. */
  async function codeSnippet(language: SnippetLanguage): Promise<api.Result<string>> {
    const filter = await checkedFilter();
    if (filter === undefined) {
      return { ok: false, error: invalid("Fix the metadata filter first.", "Settings → Metadata filter says what is wrong with it.") };
    }
    const retrieval = retrievalBase(filter);
    if ("code" in retrieval) return { ok: false, error: retrieval };
    if (mode() === "generate") {
      const params = inference();
      if ("code" in params) return { ok: false, error: params };
      return api.knowledgeCodeSnippet(language, null, generateRequest(retrieval, params));
    }
    return api.knowledgeCodeSnippet(language, { knowledgeBaseId: knowledgeBaseId(), query: query(), settings: retrieval, nextToken: null }, null);
  }

  function updateTurn(id: number, change: (turn: Turn) => Turn): void {
    setTurns(turns().map((t) => (t.id === id ? change(t) : t)));
  }

  let nextTurn = 1;

  async function generate(): Promise<void> {
    if (streaming() || !ready()) return;
    if (effectiveModel() === "") {
      setError(invalid("Pick a model to generate the answer.", "Choose one in the model list."));
      return;
    }
    const lint = lintState();
    if (lint.blocking) {
      setError(invalid(lint.summary ?? "Fix the prompt template first.", "Edit the template under Settings → Prompt template."));
      return;
    }
    const filter = await checkedFilter();
    if (filter === undefined) return;
    const retrieval = retrievalBase(filter);
    if ("code" in retrieval) {
      setError(retrieval);
      return;
    }
    const params = inference();
    if ("code" in params) {
      setError(params);
      return;
    }
    setError(null);
    const request = generateRequest(retrieval, params);
    const id = nextTurn++;
    const stream = `kb-${id}-${Date.now()}`;
    setTurns([
      ...turns(),
      { id, question: query(), answer: "", citations: [], status: "streaming", error: null, guardrail: null, sessionId: sessionId() },
    ]);
    setLastQuery(query());
    setQuery("");
    setStreamId(stream);
    const onEvent = (event: KnowledgeEvent) => {
      switch (event.type) {
        case "started":
          setSessionId(event.sessionId);
          updateTurn(id, (t) => ({ ...t, sessionId: event.sessionId }));
          break;
        case "output":
          updateTurn(id, (t) => ({ ...t, answer: t.answer + event.text }));
          break;
        case "citation":
          remember(event.citation.references);
          updateTurn(id, (t) => ({ ...t, citations: [...t.citations, event.citation] }));
          break;
        case "guardrail":
          updateTurn(id, (t) => ({ ...t, guardrail: event.action }));
          break;
        case "failed":
          updateTurn(id, (t) => ({ ...t, status: "failed", error: event.error }));
          break;
        case "finished":
          setSessionId(event.sessionId);
          updateTurn(id, (t) => ({ ...t, status: t.status === "streaming" ? "done" : t.status }));
          break;
      }
    };
    const outcome = await api.knowledgeGenerateStream(stream, request, onEvent);
    setStreamId(null);
    if (!outcome.ok) {
      updateTurn(id, (t) => ({ ...t, status: "failed", error: t.error ?? outcome.error }));
      return;
    }
    const value = outcome.value;
    updateTurn(id, (t) => ({
      ...t,
      status: value.cancelled ? "stopped" : value.error ? "failed" : "done",
      error: t.error ?? value.error,
    }));
  }

  /** Map the knowledge base's chunks and place the query (typed, else the last one asked). */
  async function showMap(): Promise<void> {
    if (selected() === null || mapping()) return;
    const typed = query().trim();
    const placed = typed !== "" ? typed : lastQuery();
    setError(null);
    setMapping(true);
    const outcome = await api.knowledgeMap({ knowledgeBaseId: knowledgeBaseId(), query: placed, seenChunks: seenChunks() });
    setMapping(false);
    if (!outcome.ok) {
      setError(outcome.error);
      return;
    }
    if (typed !== "") setLastQuery(typed);
    setMappedQuery(placed);
    setChunkMap(outcome.value);
  }

  function chooseMode(next: Mode): void {
    setMode(next);
    // The chunks seen and the last query may have changed: map again (vectors are cached).
    if (next === "map") void showMap();
  }

  async function stop(): Promise<void> {
    const id = streamId();
    if (id !== null) await api.cancelKnowledgeStream(id);
  }

  function newSession(): void {
    setSessionId(null);
    setTurns([]);
  }

  let lintRequest = 0;
  /** Keep the template and lint it; only the latest answer counts when typing fast. */
  async function lintTemplate(text: string): Promise<void> {
    setTemplateSignal(text);
    const asked = ++lintRequest;
    const found = await api.knowledgePromptLint(text);
    if (asked === lintRequest) setLints(found);
  }

  async function showPreview(): Promise<void> {
    const chunks = results()?.chunks ?? [];
    const samples = chunks.length > 0
      ? chunks.slice(0, 3).map((c) => ({ text: c.text, sourceUri: c.location.uri }))
      : [{ text: "(a retrieved chunk goes here: run Retrieve to preview with real ones)", sourceUri: null }];
    const shown = await api.knowledgePromptPreview(template(), query() || "(your question)", samples);
    setPreview(shown.ok ? shown.value : null);
    setPreviewError(shown.ok ? null : shown.error);
  }

  async function resolveArn(): Promise<void> {
    const model = effectiveModel();
    if (model === "") return;
    const arn = await api.knowledgeModelArn(model);
    setModelArn(arn.ok ? arn.value : null);
    setArnError(arn.ok ? null : arn.error);
  }

  /** The whole ranking (100 results) of the query under the current settings, cut at k. */
  async function traceRanking(): Promise<void> {
    if (!ready()) return;
    const filter = await checkedFilter();
    if (filter === undefined) return;
    const settings = retrievalBase(filter);
    if ("code" in settings) {
      setError(settings);
      return;
    }
    setError(null);
    setTracing(true);
    const outcome = await api.knowledgeRetrieve({
      knowledgeBaseId: knowledgeBaseId(),
      query: query(),
      settings: { ...settings, numberOfResults: 100, reranking: settings.reranking ? { ...settings.reranking, numberOfRerankedResults: 100 } : null },
      nextToken: null,
    });
    setTracing(false);
    if (!outcome.ok) {
      setError(outcome.error);
      return;
    }
    setRanking(outcome.value.chunks);
    remember(outcome.value.chunks);
  }

  const variantLabel = (v: Variant) =>
    `${v.searchType}${v.rerankModel ? ` · rerank ${v.rerankModel.split(".")[0] ?? ""}` : ""}${v.useFilter && currentFilter() !== "" ? " · filter" : ""}`;

  /** The query under each variant, compared on their top k. */
  async function compare(): Promise<void> {
    if (!ready()) return;
    const k = Number(traceK());
    if (!Number.isInteger(k) || k < 1 || k > 100) {
      setError(invalid("k must be a whole number from 1 to 100.", "Set k in the trace."));
      return;
    }
    const filter = await checkedFilter();
    if (filter === undefined) return;
    setError(null);
    setTracing(true);
    const runs = [];
    for (const variant of variants()) {
      const outcome = await api.knowledgeRetrieve({
        knowledgeBaseId: knowledgeBaseId(),
        query: query(),
        settings: {
          numberOfResults: k,
          searchType: variant.searchType,
          filterJson: variant.useFilter ? filter : null,
          reranking: variant.rerankModel === "" ? null : { modelId: variant.rerankModel, numberOfRerankedResults: k },
        },
        nextToken: null,
      });
      if (!outcome.ok) {
        setTracing(false);
        setError(outcome.error);
        return;
      }
      remember(outcome.value.chunks);
      runs.push({ label: variantLabel(variant), chunks: outcome.value.chunks });
    }
    setTracing(false);
    setTrace({ labels: runs.map((r) => r.label), comparison: compareRuns(runs, k) });
  }

  return {
    codeSnippet,
    bases,
    listError,
    listing,
    typedId,
    setTypedId,
    selected,
    describeError,
    knowledgeBaseId,
    mode,
    setMode: chooseMode,
    query,
    setQuery,
    error,
    setError,
    numberOfResults,
    setNumberOfResults,
    searchType,
    setSearchType,
    filterMode,
    switchFilterMode,
    filterForm,
    setFilterForm,
    filterText,
    setFilterText,
    filterProblem,
    setFilterProblem,
    suggestedKeys,
    seenMetadata,
    rerankModels,
    rerankModel,
    setRerankModel,
    rerankCount,
    setRerankCount,
    customTemplate,
    setCustomTemplate,
    template,
    lintTemplate,
    lints,
    lintState,
    preview,
    setPreview,
    previewError,
    showPreview,
    maxTokens,
    setMaxTokens,
    temperature,
    setTemperature,
    topP,
    setTopP,
    stopSequences,
    setStopSequences,
    guardrailId,
    setGuardrailId,
    guardrailVersion,
    setGuardrailVersion,
    queryDecomposition,
    setQueryDecomposition,
    modelId: effectiveModel,
    setModelId,
    modelArn,
    arnError,
    resolveArn,
    retrieving,
    results,
    turns,
    sessionId,
    streaming,
    openChunk,
    setOpenChunk,
    traceK,
    setTraceK,
    ranking,
    variants,
    setVariants,
    trace,
    tracing,
    load,
    refresh,
    pick,
    openTyped,
    retrieve,
    generate,
    stop,
    newSession,
    traceRanking,
    compare,
    seenChunks,
    lastQuery,
    chunkMap,
    mapping,
    mappedQuery,
    showMap,
  };
}

export type KnowledgeLab = ReturnType<typeof createKnowledgeLab>;
