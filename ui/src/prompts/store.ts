// The prompt library: save the current prompt under a name, versions, reload, compare versions.
import { createSignal } from "solid-js";
import * as api from "../shared/api";
import type { ClientError, PromptSummary, PromptVersion, StorageError } from "../bindings";
import type { Chat, PromptAdoption } from "../chat";
import { ask } from "../shared/confirm";
import { formOfParamsJson, paramsJsonOf } from "./savedParams";

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
    const result = await api.savePrompt(name(), {
      systemPrompt: current.systemPrompt,
      messagesJson: JSON.stringify([{ role: "user", text: current.draft }]),
      paramsJson: paramsJsonOf(current.paramsForm),
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

  /** Put a version into the chat: system prompt, message, every parameter, model; a different
   * draft or system prompt is only replaced once the user agrees. */
  async function use(version: PromptVersion): Promise<void> {
    const adopted: PromptAdoption = { systemPrompt: version.systemPrompt };
    let unreadable = false;
    try {
      const messages = JSON.parse(version.messagesJson) as SavedMessage[];
      adopted.draft = messages.at(-1)?.text ?? "";
      adopted.paramsForm = formOfParamsJson(version.paramsJson);
    } catch {
      unreadable = true;
    }
    if (version.modelId !== null) adopted.modelId = version.modelId;
    const name = selected()?.name ?? "this prompt";
    if (!(await chat.adopt(adopted, `Using ${name} v${version.version}`))) return;
    if (unreadable) chat.showNotice("This prompt version's messages or parameters could not be read.");
    onLoaded();
  }

  /** Delete a prompt and its versions, once the user agrees. */
  async function remove(prompt: PromptSummary): Promise<void> {
    const versionCount = prompt.latestVersion === 1 ? "its only version" : `its ${prompt.latestVersion} versions`;
    const agreed = await ask({
      title: `Delete ${prompt.name}?`,
      message: `${prompt.name} and ${versionCount} are deleted from the library. This cannot be undone.`,
      confirmLabel: "Delete prompt",
    });
    if (!agreed) return;
    const removed = await api.deletePrompt(prompt.id);
    if (!removed.ok) return void setFailure(removed.error);
    setSelected(null);
    setVersions([]);
    await load();
  }

  return { prompts, name, setName, note, setNote, versions, selected, failure, saved, load, saveCurrent, select, use, remove };
}

export type Library = ReturnType<typeof createLibrary>;
