// The conversation as data: exchanges of a user message and the assistant's streamed reply.
import type { ChatEvent, ChatMessage, ChatMetrics, ClientError, TokenUsage } from "../bindings";

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

/** The reply once the user stopped it: what arrived stays. */
export function stopReply(reply: Reply): Reply {
  return reply.status === "waiting" || reply.status === "streaming"
    ? { ...reply, status: "stopped" }
    : reply;
}

export interface ExchangeData {
  user: string;
  reply: Reply;
}

/**
 * The messages to send: every earlier exchange whose reply has text (even a stopped or
 * cut-off one), then the new user message. Exchanges with no reply text are left out so
 * roles keep alternating, as Converse requires.
 */
export function contextFor(exchanges: readonly ExchangeData[], next: string): ChatMessage[] {
  const messages: ChatMessage[] = [];
  for (const { user, reply } of exchanges) {
    if (reply.text.trim() === "") continue;
    messages.push({ role: "user", text: user }, { role: "assistant", text: reply.text });
  }
  messages.push({ role: "user", text: next });
  return messages;
}
