// The chat session: models, settings, the exchanges and the stream in flight.
import { createSignal, type Accessor, type Setter } from "solid-js";
import * as api from "../api";
import type { BackendInfo, CatalogueView, ClientError, ModelOption } from "../bindings";
import { applyEvent, contextFor, emptyReply, stopReply, type Reply } from "../lib/conversation";
import { defaultParamsForm, parseParams, type ParamErrors, type ParamsForm } from "../lib/params";

export interface Exchange {
  id: string;
  user: string;
  reply: Accessor<Reply>;
  setReply: Setter<Reply>;
}

/** The release date in a model ID (`...-20250219-v1:0`), for "newest first". */
function releaseDate(modelId: string): string {
  return /-(\d{8})-/.exec(modelId)?.[1] ?? "";
}

/** The model picked first: the newest active Claude Sonnet that streams, else any active one. */
export function preferredModel(models: readonly ModelOption[]): ModelOption | undefined {
  const usable = models.filter((m) => m.streaming && m.lifecycle !== "LEGACY");
  const sonnets = usable
    .filter((m) => /claude.*sonnet/i.test(m.modelId))
    .sort((a, b) => releaseDate(b.modelId).localeCompare(releaseDate(a.modelId)));
  return sonnets[0] ?? usable[0] ?? models[0];
}

export function createSession() {
  const [backend, setBackend] = createSignal<BackendInfo | null>(null);
  const [backendError, setBackendError] = createSignal<ClientError | null>(null);
  const [catalogue, setCatalogue] = createSignal<CatalogueView | null>(null);
  const models = () => catalogue()?.models ?? [];
  const [favourites, setFavourites] = createSignal<ReadonlySet<string>>(new Set());
  const [modelQuery, setModelQuery] = createSignal("");
  const [modelsLoading, setModelsLoading] = createSignal(true);
  const [modelId, setModelId] = createSignal("");
  const [systemPrompt, setSystemPrompt] = createSignal("");
  const [paramsForm, setParamsForm] = createSignal<ParamsForm>(defaultParamsForm);
  const [paramErrors, setParamErrors] = createSignal<ParamErrors>({});
  const [draft, setDraft] = createSignal("");
  const [notice, setNotice] = createSignal<string | null>(null);
  const [exchanges, setExchanges] = createSignal<Exchange[]>([]);
  const [activeStream, setActiveStream] = createSignal<string | null>(null);

  async function load(): Promise<void> {
    const status = await api.backendStatus();
    if (!status.ok) {
      setBackendError(status.error);
      setModelsLoading(false);
      return;
    }
    setBackend(status.value);
    setFavourites(new Set(await api.favouriteModels()));
    await loadModels(false);
  }

  /** List the active profile's models (`refresh` asks Bedrock again instead of the cache). */
  async function loadModels(refresh: boolean): Promise<void> {
    setModelsLoading(true);
    const listed = await api.listModels(refresh);
    setModelsLoading(false);
    if (!listed.ok) {
      setBackendError(listed.error);
      return;
    }
    setBackendError(null);
    setCatalogue(listed.value);
    const listedModels = listed.value.models;
    if (!listedModels.some((m) => m.invokeId === modelId())) {
      setModelId(preferredModel(listedModels)?.invokeId ?? "");
    }
  }

  async function toggleFavourite(modelId: string): Promise<void> {
    const updated = await api.toggleFavourite(modelId);
    if (updated.ok) setFavourites(new Set(updated.value));
    else setNotice(`${updated.error.message} ${updated.error.hint}`);
  }

  function selectedModel(): ModelOption | undefined {
    return models().find((m) => m.invokeId === modelId());
  }

  /** Send `text` with the conversation so far; the draft is cleared only once it is on its way. */
  async function send(text: string = draft()): Promise<void> {
    if (activeStream() !== null) return;
    const message = text.trim();
    if (message === "") {
      setNotice("Type a message first.");
      return;
    }
    if (modelId() === "") {
      setNotice("Pick a model first.");
      return;
    }
    const { params, errors } = parseParams(paramsForm());
    setParamErrors(errors);
    if (Object.keys(errors).length > 0) {
      setNotice("Fix the highlighted parameters, then send again.");
      return;
    }
    setNotice(null);
    const history = exchanges().map((e) => ({ user: e.user, reply: e.reply() }));
    const request = {
      modelId: modelId(),
      systemPrompt: systemPrompt(),
      messages: contextFor(history, message),
      params,
    };
    const [reply, setReply] = createSignal<Reply>(emptyReply(modelId()));
    const streamId = crypto.randomUUID();
    setExchanges([...exchanges(), { id: streamId, user: message, reply, setReply }]);
    if (text === draft()) setDraft("");
    setActiveStream(streamId);
    const result = await api.streamChat(streamId, request, (event) => {
      if (activeStream() === streamId) setReply((r) => applyEvent(r, event));
    });
    if (!result.ok && reply().status !== "failed") {
      setReply({ ...reply(), status: "failed", error: result.error });
    } else if (result.ok && result.value.cancelled) {
      setReply(stopReply);
    }
    if (activeStream() === streamId) setActiveStream(null);
  }

  async function stop(): Promise<void> {
    const streamId = activeStream();
    if (streamId === null) return;
    setActiveStream(null);
    const exchange = exchanges().find((e) => e.id === streamId);
    exchange?.setReply(stopReply);
    await api.cancelChat(streamId);
  }

  /** Send the user message of a failed exchange again, as a new exchange. */
  function retry(exchange: Exchange): void {
    void send(exchange.user);
  }

  function newChat(): void {
    void stop();
    setExchanges([]);
    setNotice(null);
  }

  return {
    backend,
    backendError,
    catalogue,
    models,
    modelsLoading,
    favourites,
    toggleFavourite,
    modelQuery,
    setModelQuery,
    modelId,
    setModelId,
    selectedModel,
    systemPrompt,
    setSystemPrompt,
    paramsForm,
    setParamsForm,
    paramErrors,
    draft,
    setDraft,
    notice,
    exchanges,
    streaming: () => activeStream() !== null,
    load,
    refreshModels: () => loadModels(true),
    loadModels,
    send,
    stop,
    retry,
    newChat,
  };
}

export type Session = ReturnType<typeof createSession>;
