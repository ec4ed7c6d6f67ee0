// The conversation as data: exchanges of a user message and the assistant's streamed reply.
import type {
  Attachment,
  ChatEvent,
  ChatMessage,
  ChatMetrics,
  ChatOutcome,
  ClientError,
  TokenUsage,
  ToolAnswer,
} from "../bindings";

export type ReplyStatus = "waiting" | "streaming" | "done" | "stopped" | "failed" | "interrupted";

export interface ToolUse {
  id: string;
  name: string;
  input: string;
}

export interface Reply {
  modelId: string;
  status: ReplyStatus;
  text: string;
  reasoning: string;
  toolUses: ToolUse[];
  stopReason: string | null;
  usage: TokenUsage | null;
  metrics: ChatMetrics | null;
  error: ClientError | null;
}

export function emptyReply(modelId: string): Reply {
  return {
    modelId,
    status: "waiting",
    text: "",
    reasoning: "",
    toolUses: [],
    stopReason: null,
    usage: null,
    metrics: null,
    error: null,
  };
}

/** The reply after one more event from the stream. */
export function applyEvent(reply: Reply, event: ChatEvent): Reply {
  switch (event.type) {
    case "started":
      return { ...reply, status: "streaming", modelId: event.modelId };
    case "textDelta":
      return { ...reply, status: "streaming", text: reply.text + event.text };
    case "reasoningDelta":
      return { ...reply, status: "streaming", reasoning: reply.reasoning + event.text };
    case "toolUseStart":
      return {
        ...reply,
        toolUses: [...reply.toolUses, { id: event.toolUseId, name: event.name, input: "" }],
      };
    case "toolUseDelta": {
      const last = reply.toolUses.at(-1);
      if (!last) return reply;
      return {
        ...reply,
        toolUses: [...reply.toolUses.slice(0, -1), { ...last, input: last.input + event.input }],
      };
    }
    case "stopped":
      return { ...reply, stopReason: event.stopReason };
    case "metadata":
      return { ...reply, status: "done", usage: event.usage, metrics: event.metrics };
    case "failed":
      return { ...reply, status: "failed", error: event.error };
  }
}

/**
 * The reply once the command returned: its outcome is the final word, so an event that never
 * reached the view (a closed channel, a dropped frame) cannot leave it "streaming" forever.
 */
export function settleReply(reply: Reply, outcome: ChatOutcome): Reply {
  if (reply.status !== "waiting" && reply.status !== "streaming") return reply;
  const text = outcome.text.length > reply.text.length ? outcome.text : reply.text;
  if (outcome.cancelled) return { ...reply, text, status: "stopped" };
  if (outcome.error) return { ...reply, text, status: "failed", error: outcome.error };
  return {
    ...reply,
    text,
    status: "done",
    stopReason: reply.stopReason ?? outcome.stopReason,
    usage: reply.usage ?? outcome.usage,
    metrics: reply.metrics ?? outcome.metrics,
  };
}

/** The reply once the user stopped it: what arrived stays. */
export function stopReply(reply: Reply): Reply {
  return reply.status === "waiting" || reply.status === "streaming"
    ? { ...reply, status: "stopped" }
    : reply;
}

export interface ExchangeData {
  user: string;
  attachments?: Attachment[];
  toolAnswers?: ToolAnswer[];
  reply: Reply;
}

export interface NextMessage {
  attachments?: Attachment[];
  toolAnswers?: ToolAnswer[];
}

/**
 * The messages to send: every earlier exchange whose reply has text (even a stopped or
 * cut-off one), then the new user message. Exchanges with no reply text are left out so
 * roles keep alternating, as Converse requires.
 */
export function contextFor(exchanges: readonly ExchangeData[], next: string, extra: NextMessage = {}): ChatMessage[] {
  const messages: ChatMessage[] = [];
  for (const { user, attachments, toolAnswers, reply } of exchanges) {
    if (reply.text.trim() === "" && reply.toolUses.length === 0) continue;
    messages.push(
      { role: "user", text: user, attachments: attachments ?? [], toolAnswers: toolAnswers ?? [] },
      {
        role: "assistant",
        text: reply.text,
        toolCalls: reply.toolUses.map((t) => ({ toolUseId: t.id, name: t.name, inputJson: t.input })),
      },
    );
  }
  messages.push({ role: "user", text: next, attachments: extra.attachments ?? [], toolAnswers: extra.toolAnswers ?? [] });
  return messages;
}

/** The tool calls of the last reply still waiting for the user's results. */
export function pendingToolCalls(exchanges: readonly ExchangeData[]): ToolUse[] {
  const last = exchanges.at(-1)?.reply;
  return last && last.status === "done" && last.stopReason === "tool_use" ? last.toolUses : [];
}
