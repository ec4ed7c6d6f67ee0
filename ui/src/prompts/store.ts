// The prompt library: save the current prompt under a name, versions, reload, compare versions.
import { createSignal } from "solid-js";
import * as api from "../shared/api";
import type { ClientError, PromptSummary, PromptVersion, StorageError } from "../bindings";
import { formOfParams, parseParams, type Chat, type PromptAdoption } from "../chat";

interface SavedMessage {
  role: string;
  text: string;
}

/** What the library asks of the chat: the prompt being written, to save or to replace. */
export type ChatForLibrary = Pick<Chat, "snapshot" | "adopt" | "showNotice">;

export function createLibrary(chat: ChatForLibrary, onLoaded: () => void) {
  const [prompts, setPrompts] = createSignal<PromptSummary[]>([]);
  const [name, setName] = createSignal("");
  const [note, setNote] = createSignal("");
  const [versions, setVersions] = createSignal<PromptVersion[]>([]);
  const [selected, setSelected] = createSignal<PromptSummary | null>(null);
  const [failure, setFailure] = createSignal<StorageError | ClientError | null>(null);
  const [saved, setSaved] = createSignal<string | null>(null);

  async function load(): Promise<void> {
    const listed = await api.listPrompts();
    if (listed.ok) setPrompts(listed.value);
    else setFailure(listed.error);
  }

  /** Save the system prompt, the message being written, the parameters and the model. */
  async function saveCurrent(): Promise<void> {
    setSaved(null);
    const current = chat.snapshot();
    const { params } = parseParams(current.paramsForm);
    const result = await api.savePrompt(name(), {
      systemPrompt: current.systemPrompt,
      messagesJson: JSON.stringify([{ role: "user", text: current.draft }]),
      paramsJson: JSON.stringify(params),
      modelId: current.modelId === "" ? null : current.modelId,
      note: note(),
    });
    if (!result.ok) return void setFailure(result.error);
    setFailure(null);
    setSaved(`Saved as version ${result.value.version}.`);
    await load();
  }

  async function select(prompt: PromptSummary): Promise<void> {
    setSelected(prompt);
    setName(prompt.name);
    const listed = await api.promptVersions(prompt.id);
    if (listed.ok) setVersions(listed.value);
    else setFailure(listed.error);
  }

  /** Put a version into the chat: system prompt, message, parameters, model. */
  function use(version: PromptVersion): void {
    const adopted: PromptAdoption = { systemPrompt: version.systemPrompt };
    try {
      const messages = JSON.parse(version.messagesJson) as SavedMessage[];
      adopted.draft = messages.at(-1)?.text ?? "";
      adopted.paramsForm = formOfParams(JSON.parse(version.paramsJson) as never);
    } catch {
      chat.showNotice("This prompt version's messages or parameters could not be read.");
    }
    if (version.modelId !== null) adopted.modelId = version.modelId;
    chat.adopt(adopted);
    onLoaded();
  }

  async function remove(prompt: PromptSummary): Promise<void> {
    const removed = await api.deletePrompt(prompt.id);
    if (!removed.ok) return void setFailure(removed.error);
    setSelected(null);
    setVersions([]);
    await load();
  }

  return { prompts, name, setName, note, setNote, versions, selected, failure, saved, load, saveCurrent, select, use, remove };
}

export type Library = ReturnType<typeof createLibrary>;
