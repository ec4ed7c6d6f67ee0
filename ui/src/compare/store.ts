// Compare mode: the same messages sent to 2 to 4 models at once, each pane with its own
// model and parameters, all streaming at the same time.
import { createSignal } from "solid-js";
import type { ModelOption } from "../bindings";
import { createConversation, defaultParamsForm, type Chat, type Conversation, type ParamsForm } from "../chat";
import type { Catalogue } from "../models";
import { paneRequest, type PaneRequest } from "./paneParams";

/** What compare mode asks of the chat: its model and system prompt to start from, its notice. */
export type ChatForCompare = Pick<Chat, "modelId" | "systemPrompt" | "showNotice" | "clearNotice">;

export const MIN_PANES = 2;
export const MAX_PANES = 4;

export interface Pane {
  id: string;
  modelId: () => string;
  setModelId: (id: string) => void;
  params: () => ParamsForm;
  setParams: (form: ParamsForm) => void;
  conversation: Conversation;
}

function createPane(chat: ChatForCompare, modelId: string): Pane {
  const [model, setModel] = createSignal(modelId);
  const [params, setParams] = createSignal<ParamsForm>({ ...defaultParamsForm });
  return {
    id: crypto.randomUUID(),
    modelId: model,
    setModelId: setModel,
    params,
    setParams,
    conversation: createConversation({ modelId: model, systemPrompt: chat.systemPrompt }),
  };
}

/** Distinct models to start panes with: the chat's model first, then other streaming ones. */
export function startingModels(models: readonly ModelOption[], current: string, count: number): string[] {
  const streaming = models.filter((m) => m.streaming && m.lifecycle !== "LEGACY").map((m) => m.invokeId);
  const byProvider = new Map<string, string>();
  for (const model of models) {
    if (streaming.includes(model.invokeId) && !byProvider.has(model.provider)) byProvider.set(model.provider, model.invokeId);
  }
  const ordered = [current, ...byProvider.values(), ...streaming].filter((id) => id !== "");
  return [...new Set(ordered)].slice(0, count);
}

export function createComparison(chat: ChatForCompare, catalogue: Pick<Catalogue, "models">) {
  const [panes, setPanes] = createSignal<Pane[]>([]);
  const [draft, setDraft] = createSignal("");

  function ensurePanes(): void {
    if (panes().length >= MIN_PANES) return;
    const ids = startingModels(catalogue.models(), chat.modelId(), 3);
    setPanes(ids.map((id) => createPane(chat, id)));
  }

  function addPane(): void {
    if (panes().length >= MAX_PANES) return;
    const used = new Set(panes().map((p) => p.modelId()));
    const next = startingModels(catalogue.models(), "", MAX_PANES + 1).find((id) => !used.has(id)) ?? chat.modelId();
    setPanes([...panes(), createPane(chat, next)]);
  }

  function removePane(id: string): void {
    if (panes().length <= MIN_PANES) return;
    const pane = panes().find((p) => p.id === id);
    void pane?.conversation.stop();
    setPanes(panes().filter((p) => p.id !== id));
  }

  const streaming = () => panes().some((p) => p.conversation.streaming());

  /** Send the draft to every pane at once; a pane with bad parameters stops the send. */
  async function send(): Promise<void> {
    const message = draft().trim();
    if (message === "" || streaming()) return;
    const checked: [Pane, PaneRequest][] = [];
    for (const pane of panes()) {
      // The pane's model's rules, as in the chat: limits checked, what it lacks left out.
      const request = paneRequest(pane.params(), pane.modelId());
      if (Object.keys(request.errors).length > 0) {
        chat.showNotice(`Fix the parameters of ${pane.modelId()}: ${Object.values(request.errors).join(" ")}`);
        return;
      }
      checked.push([pane, request]);
    }
    chat.clearNotice();
    setDraft("");
    await Promise.all(
      checked.map(([pane, request]) =>
        pane.conversation.send(message, request.params, { additionalFieldsJson: request.additionalFieldsJson }),
      ),
    );
    // A pane that failed before any text leaves that turn out of what is sent next: the message
    // goes back to the box (unless something new was typed) to send again.
    const failed = checked.some(([pane]) => {
      const reply = pane.conversation.exchanges().at(-1)?.reply();
      return reply?.status === "failed" && reply.text === "";
    });
    if (failed && draft() === "") setDraft(message);
  }

  async function stopAll(): Promise<void> {
    await Promise.all(panes().map((p) => p.conversation.stop()));
  }

  function clearAll(): void {
    for (const pane of panes()) pane.conversation.clear();
  }

  return { panes, ensurePanes, addPane, removePane, draft, setDraft, streaming, send, stopAll, clearAll };
}

export type Comparison = ReturnType<typeof createComparison>;
