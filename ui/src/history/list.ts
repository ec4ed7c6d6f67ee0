// The history list, a page at a time, searched as the user types: a search starts 250 ms after
// the last keystroke, and an answer to an older search or page is dropped, never shown.
import { createSignal } from "solid-js";
import type { ConversationPage, ConversationSummary, StorageError } from "../bindings";
import type { Result } from "../shared/api";
import type { AppError } from "../shared/errors";
import { debounced, generations } from "./latest";

export type PageSource = (query: string | null, cursor: string | null, limit: number) => Promise<Result<ConversationPage, StorageError>>;

export const PAGE_SIZE = 50;
export const SEARCH_DEBOUNCE_MS = 250;

export function createHistoryList(
  source: PageSource,
  /** Told of each answer shown: its error, or `null` when it listed conversations. */
  report: (failure: AppError | null) => void,
  options: { pageSize?: number; debounceMs?: number } = {},
) {
  const pageSize = options.pageSize ?? PAGE_SIZE;
  const [query, setQueryText] = createSignal("");
  const [items, setItems] = createSignal<ConversationSummary[]>([]);
  const [total, setTotal] = createSignal(0);
  const [cursor, setCursor] = createSignal<string | null>(null);
  const [shownQuery, setShownQuery] = createSignal<string | null>(null);
  const [searching, setSearching] = createSignal(false);
  const [loadingMore, setLoadingMore] = createSignal(false);
  const requests = generations();
  const typed = debounced(() => void reload(), options.debounceMs ?? SEARCH_DEBOUNCE_MS);

  const searched = () => (query().trim() === "" ? null : query().trim());

  /** The first page of the current search, now. */
  async function reload(): Promise<void> {
    typed.cancel();
    const generation = requests.next();
    setSearching(true);
    const asked = searched();
    const answer = await source(asked, null, pageSize);
    if (!requests.isCurrent(generation)) return;
    setSearching(false);
    setLoadingMore(false);
    report(answer.ok ? null : answer.error);
    if (!answer.ok) return;
    setShownQuery(asked);
    setItems(answer.value.conversations);
    setTotal(answer.value.total);
    setCursor(answer.value.hasMore ? answer.value.nextCursor : null);
  }

  function setQuery(text: string): void {
    setQueryText(text);
    typed.call();
  }

  /** The next page of the search on screen, after the ones shown. */
  async function loadMore(): Promise<void> {
    const after = cursor();
    if (after === null || loadingMore() || searching()) return;
    const generation = requests.current();
    setLoadingMore(true);
    const answer = await source(searched(), after, pageSize);
    if (!requests.isCurrent(generation) || cursor() !== after) return;
    setLoadingMore(false);
    report(answer.ok ? null : answer.error);
    if (!answer.ok) return;
    const shown = new Set(items().map((item) => item.id));
    setItems([...items(), ...answer.value.conversations.filter((item) => !shown.has(item.id))]);
    setTotal(answer.value.total);
    setCursor(answer.value.hasMore ? answer.value.nextCursor : null);
  }

  /** Take one conversation off the list without reloading the pages shown. */
  function forget(id: string): void {
    if (!items().some((item) => item.id === id)) return;
    setItems(items().filter((item) => item.id !== id));
    setTotal(Math.max(0, total() - 1));
  }

  return {
    query,
    setQuery,
    items,
    total,
    hasMore: () => cursor() !== null,
    /** The search whose answer is on screen (`""` for none), which may trail what is typed. */
    shownQuery: () => shownQuery() ?? "",
    searching,
    loadingMore,
    reload,
    loadMore,
    forget,
  };
}

export type HistoryList = ReturnType<typeof createHistoryList>;
