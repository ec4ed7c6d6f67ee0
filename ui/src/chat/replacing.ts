// Taking over a prompt from elsewhere (the library, the history) must not silently drop what
// the user was writing: a question names what would be replaced, or there is none.
import type { Question } from "../shared/confirm";

export interface Written {
  draft: string;
  systemPrompt: string;
}

/** The question to ask before `incoming` replaces what is written, or `null` if nothing is lost. */
export function replacementQuestion(current: Written, incoming: Partial<Written>, source: string): Question | null {
  const lost: string[] = [];
  if (incoming.draft !== undefined && current.draft.trim() !== "" && incoming.draft !== current.draft) lost.push("the message you are writing");
  if (incoming.systemPrompt !== undefined && current.systemPrompt.trim() !== "" && incoming.systemPrompt !== current.systemPrompt) {
    lost.push("the system prompt");
  }
  if (lost.length === 0) return null;
  return {
    title: `Replace ${lost.join(" and ")}?`,
    message: `${source} replaces ${lost.join(" and ")}. What is there now is not saved anywhere.`,
    confirmLabel: "Replace",
  };
}
