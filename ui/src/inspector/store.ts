// The Format inspector: the current prompt as Converse and as the family's native body.
import { createEffect, createSignal, on } from "solid-js";
import * as api from "../shared/api";
import type { ChatOutcome, ClientError, FormatPreview, NativeRun, PromptSpec, WireExchange } from "../bindings";
import { contextFor, parseParams, type Chat } from "../chat";
import { additionalFieldsJson, controlsFor } from "../models";

/** What the inspector reads of the chat: the prompt being written and the exchanges before it. */
export type ChatForInspector = Pick<Chat, "snapshot" | "exchanges" | "modelId" | "draft">;

export interface RunResult<T> {
  value: T | null;
  error: ClientError | null;
}

export function createInspector(chat: ChatForInspector) {
  const [preview, setPreview] = createSignal<FormatPreview | null>(null);
  const [previewError, setPreviewError] = createSignal<ClientError | null>(null);
  const [nativeText, setNativeText] = createSignal("");
  const [edited, setEdited] = createSignal(false);
  const [running, setRunning] = createSignal(false);
  const [converseRun, setConverseRun] = createSignal<RunResult<ChatOutcome> | null>(null);
  const [nativeRun, setNativeRun] = createSignal<RunResult<NativeRun> | null>(null);
  /** The two calls of the last run as the wire saw them: frames with arrival times. */
  const [exchanges, setExchanges] = createSignal<{ converse?: WireExchange; native?: WireExchange }>({});

  /** The prompt being written: the conversation so far plus the message box. */
  function spec(): PromptSpec {
    const current = chat.snapshot();
    const history = chat.exchanges().map((e) => ({ user: e.user, reply: e.reply() }));
    const message = current.draft.trim() === "" ? "Hello!" : current.draft;
    const { params, extra } = parseParams(current.paramsForm);
    return {
      modelId: current.modelId,
      systemPrompt: current.systemPrompt,
      messages: contextFor(history, message).map((m) => ({ role: m.role, text: m.text })),
      maxTokens: params.maxTokens,
      temperature: params.temperature,
      topP: params.topP,
      stopSequences: params.stopSequences ?? [],
      additionalFieldsJson: additionalFieldsJson(current.modelId, extra),
    };
  }

  async function refresh(): Promise<void> {
    const next = await api.formatPreview(spec());
    if (!next.ok) {
      setPreviewError(next.error);
      return;
    }
    setPreviewError(null);
    setPreview(next.value);
    if (!edited()) setNativeText(next.value.native?.bodyJson ?? "");
  }

  /** Rebuild both bodies as the prompt changes; call from the page so it stops when the page closes. */
  function follow(): void {
    createEffect(
      on([chat.snapshot, chat.exchanges], () => {
        void refresh();
      }),
    );
  }

  function edit(text: string): void {
    setNativeText(text);
    setEdited(true);
  }

  function regenerate(): void {
    setEdited(false);
    void refresh();
  }

  /** Send both requests at once and keep both answers. */
  async function runBoth(): Promise<void> {
    setRunning(true);
    const before = Math.max(0, ...(await api.wireExchanges()).map((e) => e.id));
    const current = spec();
    const request = {
      modelId: current.modelId,
      systemPrompt: current.systemPrompt ?? "",
      messages: (current.messages ?? []).map((m) => ({ role: m.role, text: m.text })),
      params: parseParams(chat.snapshot().paramsForm, controlsFor(current.modelId)).params,
      additionalFieldsJson: current.additionalFieldsJson ?? null,
    };
    const [converse, native] = await Promise.all([
      api.runConverse(request),
      api.runNativeBody(current.modelId, nativeText()),
    ]);
    setConverseRun(converse.ok ? { value: converse.value, error: converse.value.error } : { value: null, error: converse.error });
    setNativeRun(native.ok ? { value: native.value, error: null } : { value: null, error: native.error });
    const fresh = (await api.wireExchanges()).filter((e) => e.id > before).reverse();
    setExchanges({
      converse: fresh.find((e) => e.operation === "ConverseStream"),
      native: fresh.find((e) => e.operation === "InvokeModelWithResponseStream"),
    });
    setRunning(false);
  }

  return { preview, previewError, nativeText, edit, edited, regenerate, running, runBoth, converseRun, nativeRun, exchanges, follow };
}

export type Inspector = ReturnType<typeof createInspector>;
