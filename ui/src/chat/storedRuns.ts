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

/** Where the parameters form takes fields of its own out of additionalModelRequestFields. */
export interface ExtraFieldPaths {
  /** The path of top-k in the model's family, if it has one. */
  topK: readonly string[] | null;
  /** The model has a reasoning budget field (thinking.budget_tokens). */
  reasoningBudget: boolean;
}

function objectOf(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

function without(fields: Record<string, unknown>, key: string): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([k]) => k !== key));
}

/** `fields` without the number at `path`, and that number; `null` when there is none there. */
function takeNumber(fields: Record<string, unknown>, path: readonly string[]): [Record<string, unknown>, number] | null {
  const [head, ...rest] = path;
  if (head === undefined) return null;
  const value = fields[head];
  if (rest.length === 0) {
    return typeof value === "number" ? [without(fields, head), value] : null;
  }
  const child = objectOf(value);
  if (child === null) return null;
  const taken = takeNumber(child, rest);
  if (taken === null) return null;
  const [left, number] = taken;
  return [Object.keys(left).length > 0 ? { ...fields, [head]: left } : without(fields, head), number];
}

/**
 * The top K, reasoning budget and additional fields of a stored request (a history run, a saved
 * prompt), as the parameters form shows them: top K and the budget in their own fields when the
 * model has them, whatever else in the editor.
 */
export function extraFormOf(
  additionalFieldsJson: string | null,
  paths: ExtraFieldPaths,
): { topK: string; reasoningBudget: string; additionalJson: string } {
  let fields: Record<string, unknown> | null;
  try {
    fields = objectOf(JSON.parse(additionalFieldsJson ?? "null"));
  } catch {
    fields = null;
  }
  const form = { topK: "", reasoningBudget: "", additionalJson: "" };
  if (fields === null) return form;
  if (paths.reasoningBudget) {
    const thinking = objectOf(fields.thinking);
    const budget = thinking?.budget_tokens;
    if (typeof budget === "number") {
      fields = without(fields, "thinking");
      form.reasoningBudget = String(budget);
    }
  }
  const topK = paths.topK === null ? null : takeNumber(fields, paths.topK);
  if (topK !== null) {
    [fields, form.topK] = [topK[0], String(topK[1])];
  }
  form.additionalJson = Object.keys(fields).length > 0 ? JSON.stringify(fields) : "";
  return form;
}
