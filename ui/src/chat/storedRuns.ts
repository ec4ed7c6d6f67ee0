// Runs stored in the history, turned back into replies the views show.
import type { Attachment, ChatMessage, ChatRequest, ClientError, Run, ToolAnswer } from "../bindings";
import { toolUseOf, type Reply, type ReplyStatus } from "./reply";

function errorOf(json: string | null): ClientError | null {
  if (json === null) return null;
  try {
    return JSON.parse(json) as ClientError;
  } catch {
    return null;
  }
}

export function replyOf(run: Run): Reply {
  const status: ReplyStatus = run.status === "streaming" ? "interrupted" : run.status;
  return {
    modelId: run.modelId,
    status,
    text: run.answerText,
    reasoning: run.reasoningText,
    reasoningBlocks: run.blocks.reasoning,
    toolUses: run.blocks.toolCalls.map(toolUseOf),
    stopReason: run.stopReason,
    usage: run.usage
      ? { ...run.usage, totalTokens: run.usage.inputTokens + run.usage.outputTokens }
      : null,
    metrics: run.metrics ? { ...run.metrics, serviceLatencyMs: null } : null,
    error: errorOf(run.errorJson),
  };
}

/** The request a run sent, or `null` when its stored text is not one. */
export function requestOf(run: Run): ChatRequest | null {
  try {
    const request = JSON.parse(run.requestJson) as Partial<ChatRequest> | null;
    return request && Array.isArray(request.messages) ? (request as ChatRequest) : null;
  } catch {
    return null;
  }
}

export interface StoredExchange {
  runId: string;
  user: string;
  attachments: Attachment[];
  toolAnswers: ToolAnswer[];
  reply: Reply;
}

/**
 * A run as an exchange to show and continue: its user message is the last message of the
 * request it sent (with its files and tool results), its reply what the run received.
 */
export function exchangeOf(run: Run): StoredExchange {
  const sent: ChatMessage | undefined = requestOf(run)?.messages.at(-1);
  const user = sent?.role === "user" ? sent : undefined;
  return {
    runId: run.id,
    user: user?.text ?? run.userText,
    attachments: user?.attachments ?? [],
    toolAnswers: user?.toolAnswers ?? [],
    reply: replyOf(run),
  };
}

/**
 * The reasoning budget and additional fields of a stored request, as the parameters form shows
 * them: the budget in its own field when the model has one, the other fields in the editor.
 */
export function extraFormOf(request: ChatRequest, budgetField: boolean): { reasoningBudget: string; additionalJson: string } {
  let fields: Record<string, unknown> | null = null;
  try {
    const parsed = JSON.parse(request.additionalFieldsJson ?? "null") as unknown;
    if (parsed !== null && typeof parsed === "object" && !Array.isArray(parsed)) fields = parsed as Record<string, unknown>;
  } catch {
    fields = null;
  }
  if (fields === null) return { reasoningBudget: "", additionalJson: "" };
  const { thinking, ...rest } = fields;
  const budget = (thinking as { budget_tokens?: unknown } | undefined)?.budget_tokens;
  if (!budgetField || typeof budget !== "number") {
    return { reasoningBudget: "", additionalJson: JSON.stringify(fields) };
  }
  return { reasoningBudget: String(budget), additionalJson: Object.keys(rest).length > 0 ? JSON.stringify(rest) : "" };
}
