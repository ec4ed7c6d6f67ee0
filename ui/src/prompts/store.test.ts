import { createRoot } from "solid-js";
import { describe, expect, it, vi } from "vitest";
import type { PromptVersion } from "../bindings";
import type { PromptAdoption, PromptSnapshot } from "../chat";
import { defaultParamsForm, formOfParams } from "../chat";

vi.mock("../shared/api", () => ({}));

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
  it("hands the chat its system prompt, message, parameters and model in one adoption", () => {
    const chat = fakeChat();
    const onLoaded = vi.fn();
    const library = createRoot(() => createLibrary(chat, onLoaded));
    library.use(version);
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

  it("says so when the messages cannot be read, and still takes the system prompt and model", () => {
    const chat = fakeChat();
    const library = createRoot(() => createLibrary(chat, () => undefined));
    library.use({ ...version, messagesJson: "not json", modelId: null });
    expect(chat.adopted).toEqual([{ systemPrompt: "Be brief." }]);
    expect(chat.notices).toEqual(["This prompt version's messages or parameters could not be read."]);
  });
});
