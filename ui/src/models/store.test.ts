import { createRoot } from "solid-js";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { CatalogueView, ModelOption } from "../bindings";

const api = vi.hoisted(() => ({
  backendStatus: vi.fn(),
  favouriteModels: vi.fn(),
  priceTable: vi.fn(),
  listModels: vi.fn(),
  toggleFavourite: vi.fn(),
}));
vi.mock("../shared/api", () => api);

const { createCatalogue } = await import("./store");

function model(invokeId: string): ModelOption {
  return {
    invokeId,
    modelId: invokeId,
    name: invokeId,
    provider: "x",
    streaming: true,
    inferenceProfile: null,
    lifecycle: "ACTIVE",
    inputModalities: ["TEXT"],
    outputModalities: ["TEXT"],
  };
}

function listed(...ids: string[]): { ok: true; value: CatalogueView } {
  return { ok: true, value: { models: ids.map(model), region: "us-east-1", origin: "live", warning: null } as CatalogueView };
}

const denied = { code: "AccessDenied" as const, message: "No access", hint: "Ask for it" };

beforeEach(() => {
  vi.resetAllMocks();
  api.backendStatus.mockResolvedValue({ ok: true, value: { kind: "emulator" } });
  api.favouriteModels.mockResolvedValue(["a"]);
  api.priceTable.mockResolvedValue(null);
  api.listModels.mockResolvedValue(listed("a", "b"));
});

describe("the catalogue store", () => {
  it("loads the backend, favourites and models, and tells its listeners what was listed", async () => {
    const catalogue = createRoot(() => createCatalogue());
    const heard: string[][] = [];
    catalogue.onListed((models) => heard.push(models.map((m) => m.invokeId)));
    await catalogue.load();
    expect(catalogue.backend()).toEqual({ kind: "emulator" });
    expect([...catalogue.favourites()]).toEqual(["a"]);
    expect(catalogue.modelsLoading()).toBe(false);
    expect(catalogue.find("b")?.invokeId).toBe("b");
    expect(catalogue.find("c")).toBeUndefined();
    api.listModels.mockResolvedValue(listed("c"));
    await catalogue.refreshModels();
    expect(api.listModels).toHaveBeenLastCalledWith(true);
    expect(heard).toEqual([["a", "b"], ["c"]]);
  });

  it("keeps a failed listing as its error without telling the listeners", async () => {
    const catalogue = createRoot(() => createCatalogue());
    const listener = vi.fn();
    catalogue.onListed(listener);
    api.listModels.mockResolvedValue({ ok: false, error: denied });
    await catalogue.loadModels(false);
    expect(catalogue.backendError()).toEqual(denied);
    expect(listener).not.toHaveBeenCalled();
  });

  it("reports a favourite that could not be saved as the error itself, for an ErrorCard", async () => {
    const catalogue = createRoot(() => createCatalogue());
    const problems: unknown[] = [];
    catalogue.onProblem((error) => problems.push(error));
    api.toggleFavourite.mockResolvedValue({ ok: false, error: denied });
    await catalogue.toggleFavourite("a");
    expect(problems).toEqual([denied]);
  });

  it("stops naming the backend once the active profile is unusable", async () => {
    const catalogue = createRoot(() => createCatalogue());
    await catalogue.load();
    const unusable = { code: "ProfileUnusable" as const, message: "Profile gone", hint: "Choose another" };
    catalogue.markProfileUnusable(unusable);
    expect(catalogue.backend()).toBeNull();
    expect(catalogue.backendError()).toEqual(unusable);
  });
});
