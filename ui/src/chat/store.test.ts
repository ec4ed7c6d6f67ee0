import { createRoot } from "solid-js";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { ClientError, ModelOption } from "../bindings";
import { defaultParamsForm } from "./params";

const api = vi.hoisted(() => ({ streamChat: vi.fn(), cancelChat: vi.fn() }));
vi.mock("../shared/api", () => api);

const { createChat } = await import("./store");

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

/** A catalogue the test lists models into and reports problems through. */
function fakeCatalogue() {
  const listed: ((models: readonly ModelOption[]) => void)[] = [];
  const problems: ((text: string) => void)[] = [];
  let models: ModelOption[] = [];
  return {
    find: (id: string) => models.find((m) => m.invokeId === id),
    markProfileUnusable: vi.fn<(error: ClientError) => void>(),
    onListed: (listener: (models: readonly ModelOption[]) => void) => listed.push(listener),
    onProblem: (listener: (text: string) => void) => problems.push(listener),
    list(...ids: string[]) {
      models = ids.map(model);
      for (const listener of listed) listener(models);
    },
    problem(text: string) {
      for (const listener of problems) listener(text);
    },
  };
}

const SONNET = "anthropic.claude-sonnet-4-20250514-v1:0";

beforeEach(() => {
  vi.resetAllMocks();
  api.cancelChat.mockResolvedValue(true);
});

describe("the chat store and the catalogue", () => {
  it("picks the preferred model when the listed ones lack its choice, and keeps a listed choice", () => {
    const catalogue = fakeCatalogue();
    const chat = createRoot(() => createChat(catalogue));
    catalogue.list("meta.llama3-70b-instruct-v1:0", SONNET);
    expect(chat.modelId()).toBe(SONNET);
    expect(chat.selectedModel()?.invokeId).toBe(SONNET);
    chat.setModelId("meta.llama3-70b-instruct-v1:0");
    catalogue.list(SONNET, "meta.llama3-70b-instruct-v1:0");
    expect(chat.modelId()).toBe("meta.llama3-70b-instruct-v1:0");
  });

  it("shows the catalogue's problems as its notice", () => {
    const catalogue = fakeCatalogue();
    const chat = createRoot(() => createChat(catalogue));
    catalogue.problem("No access Ask for it");
    expect(chat.notice()).toBe("No access Ask for it");
  });

  it("tells the catalogue when a reply says the active profile is unusable", async () => {
    const unusable = { code: "ProfileUnusable" as const, message: "Profile gone", hint: "Choose another" };
    api.streamChat.mockResolvedValue({ ok: false, error: unusable });
    const catalogue = fakeCatalogue();
    const chat = createRoot(() => createChat(catalogue));
    catalogue.list(SONNET);
    await chat.send("hello");
    expect(catalogue.markProfileUnusable).toHaveBeenCalledWith(unusable);
  });
});

describe("what other domains ask of the chat", () => {
  it("adopts a prompt: what it names replaces what is here, the rest stays", () => {
    const chat = createRoot(() => createChat(fakeCatalogue()));
    chat.setDraft("typed");
    chat.setModelId("m1");
    chat.adopt({ systemPrompt: "Be brief.", paramsForm: { ...defaultParamsForm, maxTokens: "64" } });
    expect(chat.snapshot()).toEqual({
      modelId: "m1",
      systemPrompt: "Be brief.",
      draft: "typed",
      paramsForm: { ...defaultParamsForm, maxTokens: "64" },
    });
    chat.adopt({ draft: "", modelId: "m2" });
    expect(chat.snapshot()).toMatchObject({ modelId: "m2", draft: "", systemPrompt: "Be brief." });
  });

  it("puts text in front of the message being written", () => {
    const chat = createRoot(() => createChat(fakeCatalogue()));
    chat.prependToDraft("Context.\n");
    expect(chat.draft()).toBe("Context.\n");
    chat.prependToDraft("More. ");
    expect(chat.draft()).toBe("More. Context.\n");
  });

  it("shows and clears a notice", () => {
    const chat = createRoot(() => createChat(fakeCatalogue()));
    chat.showNotice("Fix the parameters of m1");
    expect(chat.notice()).toBe("Fix the parameters of m1");
    chat.clearNotice();
    expect(chat.notice()).toBeNull();
  });
});
