// The conversation as data: exchanges of a user message and the assistant's streamed reply.
import type {
  Attachment,
  ChatEvent,
  ChatMessage,
  ChatMetrics,
  ChatOutcome,
  ClientError,
  ReasoningBlock,
  TokenUsage,
  ToolAnswer,
  ToolCall,
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
  /** The reasoning as received (signed text, redacted bytes), sent back with the reply. */
  reasoningBlocks: ReasoningBlock[];
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
    reasoningBlocks: [],
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

export function toolUseOf(call: ToolCall): ToolUse {
  return { id: call.toolUseId, name: call.name, input: call.inputJson };
}

/**
 * The reply once the command returned: its outcome is the final word, so an event that never
 * reached the view (a closed channel, a dropped frame) cannot leave it "streaming" forever. The
 * outcome also holds what no event shows: reasoning signatures and the complete tool calls.
 */
export function settleReply(reply: Reply, outcome: ChatOutcome): Reply {
  const received = {
    reasoningBlocks: outcome.reasoning,
    toolUses: outcome.toolCalls.length > 0 ? outcome.toolCalls.map(toolUseOf) : reply.toolUses,
  };
  if (reply.status !== "waiting" && reply.status !== "streaming") return { ...reply, ...received };
  const text = outcome.text.length > reply.text.length ? outcome.text : reply.text;
  if (outcome.cancelled) return { ...reply, ...received, text, status: "stopped" };
  if (outcome.error) return { ...reply, ...received, text, status: "failed", error: outcome.error };
  return {
    ...reply,
    ...received,
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

/** A reply's tool calls count only when it ended asking for them: a cut-off call was never made. */
function madeToolCalls(reply: Reply): boolean {
  return reply.status === "done" && reply.toolUses.length > 0;
}

/** Whether a reply goes into the context: it has text that is not blank, or it called tools. */
export function hasContent(reply: Reply): boolean {
  return reply.text.trim() !== "" || madeToolCalls(reply);
}

/** Reasoning goes back only to the model that produced it, and only what it signed. */
function reasoningToSend(reply: Reply, modelId: string | undefined): ReasoningBlock[] {
  if (modelId !== undefined && reply.modelId !== modelId) return [];
  return reply.reasoningBlocks.filter((block) =>
    block.type === "text" ? (block.signature ?? "") !== "" : block.dataBase64 !== "",
  );
}

/** `earlier` then `later`, an answer in `later` replacing one to the same call. */
function mergeAnswers(earlier: readonly ToolAnswer[], later: readonly ToolAnswer[]): ToolAnswer[] {
  const ids = new Set(later.map((a) => a.toolUseId));
  return [...earlier.filter((a) => !ids.has(a.toolUseId)), ...later];
}

/**
 * The messages to send: the earlier exchanges, then the new user message. Bedrock refuses blank
 * text and roles out of turn, so an exchange whose reply has nothing to send back (failed or
 * stopped before any text, blank text, a cut-off tool call) is left out with its user message:
 * the user sees it with its error and sends it again (Retry, or the text put back in the
 * message box). Tool results in a left-out message still answer the call before it, so they
 * move to the next user message that is sent. An assistant message carries its reasoning
 * (for the same model), its text when not blank, and its tool calls when the reply made them.
 */
export function contextFor(
  exchanges: readonly ExchangeData[],
  next: string,
  extra: NextMessage = {},
  modelId?: string,
): ChatMessage[] {
  const messages: ChatMessage[] = [];
  let carried: ToolAnswer[] = [];
  for (const { user, attachments, toolAnswers, reply } of exchanges) {
    const answers = mergeAnswers(carried, toolAnswers ?? []);
    if (!hasContent(reply)) {
      carried = answers;
      continue;
    }
    carried = [];
    messages.push(
      { role: "user", text: user, attachments: attachments ?? [], toolAnswers: answers },
      {
        role: "assistant",
        text: reply.text.trim() === "" ? "" : reply.text,
        toolCalls: madeToolCalls(reply)
          ? reply.toolUses.map((t) => ({ toolUseId: t.id, name: t.name, inputJson: t.input }))
          : [],
        reasoning: reasoningToSend(reply, modelId),
      },
    );
  }
  messages.push({
    role: "user",
    text: next,
    attachments: extra.attachments ?? [],
    toolAnswers: mergeAnswers(carried, extra.toolAnswers ?? []),
  });
  return messages;
}

/** The tool calls of the last reply still waiting for the user's results. */
export function pendingToolCalls(exchanges: readonly ExchangeData[]): ToolUse[] {
  const last = exchanges.at(-1)?.reply;
  return last && last.status === "done" && last.stopReason === "tool_use" ? last.toolUses : [];
}
