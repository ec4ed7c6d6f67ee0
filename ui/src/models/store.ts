// The model catalogue: which backend answers, the active profile's models, favourites, prices.
import { createSignal } from "solid-js";
import * as api from "../shared/api";
import type { BackendInfo, CatalogueView, ClientError, ModelOption, PriceTable } from "../bindings";
import type { AppError } from "../shared/errors";

type Listener<T> = (value: T) => void;

export function createCatalogue() {
  const [backend, setBackend] = createSignal<BackendInfo | null>(null);
  const [backendError, setBackendError] = createSignal<ClientError | null>(null);
  const [catalogue, setCatalogue] = createSignal<CatalogueView | null>(null);
  const models = () => catalogue()?.models ?? [];
  const [modelsLoading, setModelsLoading] = createSignal(true);
  const [favourites, setFavourites] = createSignal<ReadonlySet<string>>(new Set());
  const [modelQuery, setModelQuery] = createSignal("");
  const [prices, setPrices] = createSignal<PriceTable | null>(null);
  // The chat keeps its model choice among what is listed and shows problems as its notice.
  const listedListeners: Listener<readonly ModelOption[]>[] = [];
  const problemListeners: Listener<AppError>[] = [];

  /** Call `listener` with the models each time a new list arrives. */
  function onListed(listener: Listener<readonly ModelOption[]>): void {
    listedListeners.push(listener);
  }

  /** Call `listener` with the error when a catalogue action fails. */
  function onProblem(listener: Listener<AppError>): void {
    problemListeners.push(listener);
  }

  async function load(): Promise<void> {
    const status = await api.backendStatus();
    if (!status.ok) {
      setBackendError(status.error);
      setModelsLoading(false);
      return;
    }
    setBackend(status.value);
    setFavourites(new Set(await api.favouriteModels()));
    setPrices(await api.priceTable());
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
    for (const listener of listedListeners) listener(listed.value.models);
  }

  async function toggleFavourite(modelId: string): Promise<void> {
    const updated = await api.toggleFavourite(modelId);
    if (updated.ok) setFavourites(new Set(updated.value));
    else for (const listener of problemListeners) listener(updated.error);
  }

  /** The listed model called through `invokeId`, if any. */
  function find(invokeId: string): ModelOption | undefined {
    return models().find((m) => m.invokeId === invokeId);
  }

  /** The active profile refused a call: stop naming its backend and say why instead. */
  function markProfileUnusable(error: ClientError): void {
    setBackend(null);
    setBackendError(error);
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
    prices,
    find,
    load,
    loadModels,
    refreshModels: () => loadModels(true),
    markProfileUnusable,
    onListed,
    onProblem,
  };
}

export type Catalogue = ReturnType<typeof createCatalogue>;
