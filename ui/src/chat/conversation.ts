// One conversation with one model: its exchanges and the stream in flight. The chat view has
// one; compare mode has one per pane, all fed the same messages.
import { createSignal, type Accessor, type Setter } from "solid-js";
import * as api from "../shared/api";
import type { Attachment, InferenceParams, StorageError, ToolAnswer } from "../bindings";
import { applyEvent, contextFor, emptyReply, settleReply, stopReply, type Reply } from "./reply";
import type { StoredExchange } from "./storedRuns";

export interface Exchange {
  id: string;
  /** The history run that keeps this exchange, once it is saved. */
  runId: Accessor<string | null>;
  user: string;
  attachments: Attachment[];
  toolAnswers: ToolAnswer[];
  reply: Accessor<Reply>;
  setReply: Setter<Reply>;
}

export interface ConversationSetup {
  modelId: () => string;
  systemPrompt: () => string;
  onHistoryError?: (error: StorageError) => void;
}

export interface SendOptions {
  /** The system prompt with its variables filled in. */
  systemPrompt?: string;
  attachments?: Attachment[];
  toolAnswers?: ToolAnswer[];
  additionalFieldsJson?: string | null;
  toolsJson?: string | null;
}

export function createConversation(setup: ConversationSetup) {
  const [exchanges, setExchanges] = createSignal<Exchange[]>([]);
  const [activeStream, setActiveStream] = createSignal<string | null>(null);
  const [conversationId, setConversationId] = createSignal<string>(crypto.randomUUID());

  /** Send `message` after the conversation so far; resolves when the answer has ended. */
  async function send(message: string, params: InferenceParams, options: SendOptions = {}): Promise<void> {
    const history = exchanges().map((e) => ({
      user: e.user,
      attachments: e.attachments,
      toolAnswers: e.toolAnswers,
      reply: e.reply(),
    }));
    const attachments = options.attachments ?? [];
    const toolAnswers = options.toolAnswers ?? [];
    const request = {
      modelId: setup.modelId(),
      systemPrompt: options.systemPrompt ?? setup.systemPrompt(),
      messages: contextFor(history, message, { attachments, toolAnswers }, setup.modelId()),
      params,
      additionalFieldsJson: options.additionalFieldsJson ?? null,
      toolsJson: options.toolsJson ?? null,
    };
    const [reply, setReply] = createSignal<Reply>(emptyReply(setup.modelId()));
    const [runId, setRunId] = createSignal<string | null>(null);
    const streamId = crypto.randomUUID();
    const parentRunId = exchanges().at(-1)?.runId() ?? null;
    setExchanges([...exchanges(), { id: streamId, runId, user: message, attachments, toolAnswers, reply, setReply }]);
    setActiveStream(streamId);
    const link = { conversationId: conversationId(), parentRunId };
    const result = await api.streamChat(streamId, request, link, (event) => {
      if (activeStream() === streamId) setReply((r) => applyEvent(r, event));
    });
    if (!result.ok && reply().status !== "failed") {
      setReply({ ...reply(), status: "failed", error: result.error });
    } else if (result.ok) {
      setRunId(result.value.runId);
      if (result.value.historyError) setup.onHistoryError?.(result.value.historyError);
      setReply((r) => settleReply(r, result.value.outcome));
    }
    if (activeStream() === streamId) setActiveStream(null);
  }

  async function stop(): Promise<void> {
    const streamId = activeStream();
    if (streamId === null) return;
    setActiveStream(null);
    exchanges()
      .find((e) => e.id === streamId)
      ?.setReply(stopReply);
    await api.cancelChat(streamId);
  }

  function clear(): void {
    void stop();
    setExchanges([]);
    setConversationId(crypto.randomUUID());
  }

  /** Show a stored conversation (from history) and continue it. */
  function load(id: string, loaded: readonly StoredExchange[]): void {
    void stop();
    setConversationId(id);
    setExchanges(
      loaded.map((run) => {
        const [reply, setReply] = createSignal(run.reply);
        const [runId] = createSignal<string | null>(run.runId);
        return {
          id: run.runId,
          runId,
          user: run.user,
          attachments: run.attachments,
          toolAnswers: run.toolAnswers,
          reply,
          setReply,
        };
      }),
    );
  }

  return {
    exchanges,
    conversationId,
    streaming: () => activeStream() !== null,
    send,
    stop,
    clear,
    load,
  };
}

export type Conversation = ReturnType<typeof createConversation>;
