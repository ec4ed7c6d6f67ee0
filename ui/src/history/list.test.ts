import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ConversationPage, ConversationSummary, StorageError } from "../bindings";
import type { Result } from "../shared/api";
import { createHistoryList, SEARCH_DEBOUNCE_MS } from "./list";

type Answer = Result<ConversationPage, StorageError>;

/** A page source whose answers the test releases one by one, in any order. */
function controlledSource() {
  const calls: { query: string | null; cursor: string | null; answer: (value: Answer) => void }[] = [];
  const source = vi.fn(
    (query: string | null, cursor: string | null) =>
      new Promise<Answer>((resolve) => {
        calls.push({ query, cursor, answer: resolve });
      }),
  );
  return { source, calls };
}

function summary(id: string): ConversationSummary {
  return { id, title: id, createdAt: "", updatedAt: "", runCount: 1, lastModelId: null, lastStatus: "done" };
}

function page(query: string | null, ids: string[], nextCursor: string | null = null, total = ids.length): Answer {
  return { ok: true, value: { conversations: ids.map(summary), total, hasMore: nextCursor !== null, nextCursor, query } };
}

/** Lets every answer already given run through the awaits that follow it. */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i += 1) await Promise.resolve();
}
const ids = (list: ReturnType<typeof createHistoryList>) => list.items().map((item) => item.id);

describe("the history list", () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] }));
  afterEach(() => vi.useRealTimers());

  it("searches once, 250 ms after the last keystroke", () => {
    const { source, calls } = controlledSource();
    const list = createHistoryList(source, () => undefined);
    list.setQuery("p");
    vi.advanceTimersByTime(100);
    list.setQuery("pe");
    vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS - 1);
    expect(calls).toHaveLength(0);
    list.setQuery("pel");
    vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS);
    expect(calls.map((c) => c.query)).toEqual(["pel"]);
  });

  it("drops a late answer to an older search", async () => {
    const { source, calls } = controlledSource();
    const list = createHistoryList(source, () => undefined);
    list.setQuery("old");
    vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS);
    list.setQuery("new");
    vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS);
    expect(calls.map((c) => c.query)).toEqual(["old", "new"]);
    calls[1]?.answer(page("new", ["n1"]));
    await settle();
    expect(ids(list)).toEqual(["n1"]);
    expect(list.shownQuery()).toBe("new");
    expect(list.searching()).toBe(false);
    calls[0]?.answer(page("old", ["o1", "o2"]));
    await settle();
    expect(ids(list)).toEqual(["n1"]);
    expect(list.shownQuery()).toBe("new");
  });

  it("keeps searching until the newest answer is in, even when an older one lands first", async () => {
    const { source, calls } = controlledSource();
    const list = createHistoryList(source, () => undefined);
    void list.reload();
    list.setQuery("x");
    vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS);
    calls[0]?.answer(page(null, ["all"]));
    await settle();
    expect(ids(list)).toEqual([]);
    expect(list.searching()).toBe(true);
    calls[1]?.answer(page("x", ["x1"]));
    await settle();
    expect(ids(list)).toEqual(["x1"]);
  });

  it("pages on with the cursor and drops a page of a search replaced meanwhile", async () => {
    const { source, calls } = controlledSource();
    const list = createHistoryList(source, () => undefined, { pageSize: 2 });
    void list.reload();
    calls[0]?.answer(page(null, ["a", "b"], "c1", 5));
    await settle();
    expect(list.hasMore()).toBe(true);
    void list.loadMore();
    void list.loadMore();
    expect(calls).toHaveLength(2);
    expect(calls[1]?.cursor).toBe("c1");
    calls[1]?.answer(page(null, ["c", "d"], "c2", 5));
    await settle();
    expect(ids(list)).toEqual(["a", "b", "c", "d"]);
    expect(list.total()).toBe(5);

    void list.loadMore();
    void list.reload();
    calls[2]?.answer(page(null, ["e"], null, 5));
    await settle();
    expect(ids(list)).toEqual(["a", "b", "c", "d"]);
    calls[3]?.answer(page(null, ["a", "b"], "c1", 5));
    await settle();
    expect(ids(list)).toEqual(["a", "b"]);
  });

  it("reports a failure and forgets a deleted conversation without reloading", async () => {
    const { source, calls } = controlledSource();
    const failures: string[] = [];
    const list = createHistoryList(source, (failure) => failures.push(failure?.message ?? "ok"));
    void list.reload();
    calls[0]?.answer({ ok: false, error: { code: "Database", message: "disk full", hint: "" } as StorageError });
    await settle();
    expect(failures).toEqual(["disk full"]);
    void list.reload();
    calls[1]?.answer(page(null, ["a", "b"], null, 2));
    await settle();
    expect(failures).toEqual(["disk full", "ok"]);
    list.forget("a");
    expect(ids(list)).toEqual(["b"]);
    expect(list.total()).toBe(1);
    expect(calls).toHaveLength(2);
  });
});
