// How the History list shows a conversation: its title and when it changed.

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
