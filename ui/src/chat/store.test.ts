import { createRoot } from "solid-js";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { ClientError, ModelOption } from "../bindings";
import { answer, pendingQuestion } from "../shared/confirm";
import type { AppError } from "../shared/errors";
import { defaultParamsForm } from "./params";

const api = vi.hoisted(() => ({ streamChat: vi.fn(), cancelChat: vi.fn(), describeAttachment: vi.fn() }));
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
  const problems: ((error: AppError) => void)[] = [];
  let models: ModelOption[] = [];
  return {
    find: (id: string) => models.find((m) => m.invokeId === id),
    markProfileUnusable: vi.fn<(error: ClientError) => void>(),
    onListed: (listener: (models: readonly ModelOption[]) => void) => listed.push(listener),
    onProblem: (listener: (error: AppError) => void) => problems.push(listener),
    list(...ids: string[]) {
      models = ids.map(model);
      for (const listener of listed) listener(models);
    },
    problem(error: AppError) {
      for (const listener of problems) listener(error);
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
    const denied = { code: "AccessDenied" as const, message: "No access", hint: "Ask for it" };
    catalogue.problem(denied);
    expect(chat.notice()).toEqual(denied);
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
  it("adopts a prompt: what it names replaces what is here, the rest stays", async () => {
    const chat = createRoot(() => createChat(fakeCatalogue()));
    chat.setDraft("typed");
    chat.setModelId("m1");
    expect(await chat.adopt({ systemPrompt: "Be brief.", paramsForm: { ...defaultParamsForm, maxTokens: "64" } })).toBe(true);
    expect(chat.snapshot()).toEqual({
      modelId: "m1",
      systemPrompt: "Be brief.",
      draft: "typed",
      paramsForm: { ...defaultParamsForm, maxTokens: "64" },
    });
    const replacing = chat.adopt({ draft: "", modelId: "m2" });
    answer(true);
    expect(await replacing).toBe(true);
    expect(chat.snapshot()).toMatchObject({ modelId: "m2", draft: "", systemPrompt: "Be brief." });
  });

  it("asks before a prompt replaces a different draft or system prompt, and keeps both when told no", async () => {
    const chat = createRoot(() => createChat(fakeCatalogue()));
    chat.setDraft("my draft");
    chat.setSystemPrompt("Mine.");
    const adopting = chat.adopt({ draft: "theirs", systemPrompt: "Theirs.", paramsForm: { ...defaultParamsForm, topK: "40" } }, "Using v1");
    expect(pendingQuestion()?.title).toBe("Replace the message you are writing and the system prompt?");
    answer(false);
    expect(await adopting).toBe(false);
    expect(chat.snapshot()).toMatchObject({ draft: "my draft", systemPrompt: "Mine.", paramsForm: defaultParamsForm });
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

function file(name: string, text = "x"): File {
  return new File([text], name, { type: "image/png" });
}

const described = { ok: true, value: { kind: "image", format: "png", sizeBytes: 1 } };

describe("picked files", () => {
  it("removes only the file asked for when two share a name", async () => {
    api.describeAttachment.mockResolvedValue(described);
    const chat = createRoot(() => createChat(fakeCatalogue()));
    await chat.attach([file("pic.png", "a"), file("pic.png", "b")]);
    const [first, second] = chat.attachments();
    expect(first?.id).not.toBe(second?.id);
    chat.detach(first?.id ?? "");
    expect(chat.attachments().map((a) => a.id)).toEqual([second?.id]);
  });

  it("shows a file at once as reading, and Send waits until it is read", async () => {
    let describe: (value: unknown) => void = () => undefined;
    api.describeAttachment.mockReturnValue(new Promise((resolve) => (describe = resolve)));
    api.streamChat.mockResolvedValue({ ok: false, error: { code: "Throttled", message: "Rate exceeded", hint: "Wait" } });
    const catalogue = fakeCatalogue();
    const chat = createRoot(() => createChat(catalogue));
    catalogue.list(SONNET);
    void chat.attach([file("big.png")]);
    expect(chat.attachments()[0]?.reading).toBe(true);
    chat.setDraft("Describe it");
    const sending = chat.send();
    await vi.waitFor(() => {
      expect(chat.waitingForFiles()).toBe(true);
    });
    expect(chat.notice()).toContain("Reading big.png");
    expect(api.streamChat).not.toHaveBeenCalled();
    describe(described);
    await sending;
    const sent = api.streamChat.mock.calls[0]?.[1] as { messages: { attachments: { name: string }[] }[] };
    expect(sent.messages.at(-1)?.attachments.map((a) => a.name)).toEqual(["big.png"]);
    expect(chat.waitingForFiles()).toBe(false);
  });

  it("gives the message and its files back after a failed send, in front of files picked since", async () => {
    api.describeAttachment.mockResolvedValue(described);
    const throttled = { code: "Throttled" as const, message: "Rate exceeded", hint: "Wait" };
    const catalogue = fakeCatalogue();
    const chat = createRoot(() => createChat(catalogue));
    catalogue.list(SONNET);
    await chat.attach([file("a.png"), file("a.png")]);
    const sentIds = chat.attachments().map((a) => a.id);
    api.streamChat.mockImplementation(async () => {
      await chat.attach([file("later.png")]);
      return { ok: false, error: throttled };
    });
    chat.setDraft("What is this?");
    await chat.send();
    expect(chat.draft()).toBe("What is this?");
    expect(chat.attachments().map((a) => a.name)).toEqual(["a.png", "a.png", "later.png"]);
    expect(chat.attachments().slice(0, 2).map((a) => a.id)).toEqual(sentIds);
  });
});

describe("typed tool results", () => {
  it("are kept by the chat, per call, until a new chat", () => {
    const chat = createRoot(() => createChat(fakeCatalogue()));
    chat.setToolDraft("t1", { text: '{"sky":"clear"}' });
    chat.setToolDraft("t1", { isError: true });
    expect(chat.toolDrafts()).toEqual({ t1: { text: '{"sky":"clear"}', isError: true } });
    chat.newChat();
    expect(chat.toolDrafts()).toEqual({});
  });
});
