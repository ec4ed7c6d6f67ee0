// The prompt library: save the current prompt under a name, versions, reload, compare versions.
import { createSignal } from "solid-js";
import * as api from "../api";
import type { ClientError, PromptSummary, PromptVersion, StorageError } from "../bindings";
import { formOfParams, parseParams } from "../lib/params";
import type { Session } from "./session";

interface SavedMessage {
  role: string;
  text: string;
}

export function createLibrary(session: Session, onLoaded: () => void) {
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
    const { params } = parseParams(session.paramsForm());
    const result = await api.savePrompt(name(), {
      systemPrompt: session.systemPrompt(),
      messagesJson: JSON.stringify([{ role: "user", text: session.draft() }]),
      paramsJson: JSON.stringify(params),
      modelId: session.modelId() === "" ? null : session.modelId(),
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
    session.setSystemPrompt(version.systemPrompt);
    try {
      const messages = JSON.parse(version.messagesJson) as SavedMessage[];
      session.setDraft(messages.at(-1)?.text ?? "");
      session.setParamsForm(formOfParams(JSON.parse(version.paramsJson) as never));
    } catch {
      session.setNotice("This prompt version's messages or parameters could not be read.");
    }
    if (version.modelId !== null) session.setModelId(version.modelId);
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
