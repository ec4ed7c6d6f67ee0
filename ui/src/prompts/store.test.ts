import { createRoot } from "solid-js";
import { describe, expect, it, vi } from "vitest";
import type { PromptVersion } from "../bindings";
import type { PromptAdoption, PromptSnapshot } from "../chat";
import { defaultParamsForm, formOfParams } from "../chat";
import { answer, pendingQuestion } from "../shared/confirm";

const api = vi.hoisted(() => ({ deletePrompt: vi.fn(), listPrompts: vi.fn() }));
vi.mock("../shared/api", () => api);

const { createLibrary } = await import("./store");

/** A chat that records what the library asks of it. */
function fakeChat() {
  const adopted: PromptAdoption[] = [];
  const notices: string[] = [];
  const current: PromptSnapshot = { modelId: "m", systemPrompt: "", draft: "", paramsForm: defaultParamsForm };
  return {
    adopted,
    notices,
    snapshot: () => current,
    adopt: (prompt: PromptAdoption) => {
      adopted.push(prompt);
      return Promise.resolve(true);
    },
    showNotice: (text: string) => {
      notices.push(text);
    },
  };
}

const version: PromptVersion = {
  promptId: "p1",
  version: 2,
  createdAt: "2026-11-22T10:00:00Z",
  systemPrompt: "Be brief.",
  messagesJson: JSON.stringify([{ role: "user", text: "Summarise {{topic}}" }]),
  paramsJson: JSON.stringify({ maxTokens: 64, temperature: 0.2, topP: null, stopSequences: [] }),
  modelId: "m2",
  note: "",
};

describe("using a saved prompt version", () => {
  it("hands the chat its system prompt, message, parameters and model in one adoption", async () => {
    const chat = fakeChat();
    const onLoaded = vi.fn();
    const library = createRoot(() => createLibrary(chat, onLoaded));
    await library.use(version);
    expect(chat.adopted).toEqual([
      {
        systemPrompt: "Be brief.",
        draft: "Summarise {{topic}}",
        paramsForm: formOfParams({ maxTokens: 64, temperature: 0.2, topP: null, stopSequences: [] }),
        modelId: "m2",
      },
    ]);
    expect(chat.notices).toEqual([]);
    expect(onLoaded).toHaveBeenCalledOnce();
  });

  it("says so when the messages cannot be read, and still takes the system prompt and model", async () => {
    const chat = fakeChat();
    const library = createRoot(() => createLibrary(chat, () => undefined));
    await library.use({ ...version, messagesJson: "not json", modelId: null });
    expect(chat.adopted).toEqual([{ systemPrompt: "Be brief." }]);
    expect(chat.notices).toEqual(["This prompt version's messages or parameters could not be read."]);
  });
});

describe("deleting a prompt", () => {
  const prompt = { id: "p1", name: "Summariser", latestVersion: 2, updatedAt: "2026-11-22T10:00:00Z", variables: [] };

  it("asks first and deletes nothing when the user cancels", async () => {
    const library = createRoot(() => createLibrary(fakeChat(), () => undefined));
    const removing = library.remove(prompt as never);
    expect(pendingQuestion()?.message).toContain("Summariser and its 2 versions");
    answer(false);
    await removing;
    expect(api.deletePrompt).not.toHaveBeenCalled();
  });

  it("deletes once the user agrees", async () => {
    api.deletePrompt.mockResolvedValue({ ok: true, value: null });
    api.listPrompts.mockResolvedValue({ ok: true, value: [] });
    const library = createRoot(() => createLibrary(fakeChat(), () => undefined));
    const removing = library.remove(prompt as never);
    answer(true);
    await removing;
    expect(api.deletePrompt).toHaveBeenCalledWith("p1");
    expect(library.prompts()).toEqual([]);
  });
});
