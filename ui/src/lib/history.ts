// Runs stored in the history, turned back into replies the views show.
import type { ClientError, Run } from "../bindings";
import type { Reply, ReplyStatus } from "./conversation";

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
    toolUses: [],
    stopReason: run.stopReason,
    usage: run.usage
      ? { ...run.usage, totalTokens: run.usage.inputTokens + run.usage.outputTokens }
      : null,
    metrics: run.metrics ? { ...run.metrics, serviceLatencyMs: null } : null,
    error: errorOf(run.errorJson),
  };
}

/** A timestamp as the list shows it: time today, else the date. */
export function shortTime(rfc3339: string, now = new Date()): string {
  const at = new Date(rfc3339);
  if (Number.isNaN(at.getTime())) return rfc3339;
  const sameDay = at.toDateString() === now.toDateString();
  return sameDay
    ? at.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" })
    : at.toLocaleDateString(undefined, { year: "numeric", month: "short", day: "numeric" });
}

/** How the backend titles the conversation of a knowledge-base session. */
export const KNOWLEDGE_TITLE_PREFIX = "Knowledge base: ";

/** A conversation's title without the knowledge-base prefix, and whether it had one. */
export function splitTitle(title: string): { title: string; knowledgeBase: boolean } {
  return title.startsWith(KNOWLEDGE_TITLE_PREFIX)
    ? { title: title.slice(KNOWLEDGE_TITLE_PREFIX.length), knowledgeBase: true }
    : { title, knowledgeBase: false };
}
