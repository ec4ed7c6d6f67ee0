import { createRoot } from "solid-js";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { answer, pendingQuestion } from "../shared/confirm";

const api = vi.hoisted(() => ({
  historyPage: vi.fn(),
  deleteConversation: vi.fn(),
  getConversation: vi.fn(),
  exportConversation: vi.fn(),
}));
vi.mock("../shared/api", () => api);

const { createHistory } = await import("./store");

const summary = { id: "c1", title: "Remember the heron", updatedAt: "2026-12-01T10:00:00Z", runCount: 1, lastModelId: "m", lastStatus: "done" };

function history(openConversation = vi.fn(() => Promise.resolve(true)), onOpened = vi.fn()) {
  return { history: createRoot(() => createHistory({ openConversation }, onOpened)), openConversation, onOpened };
}

beforeEach(() => {
  vi.resetAllMocks();
  api.historyPage.mockResolvedValue({ ok: true, value: { conversations: [summary], total: 1, hasMore: false, nextCursor: null, query: null } });
});

describe("the history store", () => {
  it("asks before deleting a conversation, naming it, and keeps it when told no", async () => {
    const { history: h } = history();
    await h.load();
    const removing = h.remove("c1");
    expect(pendingQuestion()?.message).toContain("Remember the heron");
    answer(false);
    await removing;
    expect(api.deleteConversation).not.toHaveBeenCalled();
    const agreed = h.remove("c1");
    answer(true);
    api.deleteConversation.mockResolvedValue({ ok: true, value: null });
    await agreed;
    expect(api.deleteConversation).toHaveBeenCalledWith("c1");
  });

  it("switches to the chat only when the chat took the conversation", async () => {
    api.getConversation.mockResolvedValue({ ok: true, value: { summary, runs: [] } });
    const declined = history(vi.fn(() => Promise.resolve(false)));
    await declined.history.open("c1");
    expect(declined.onOpened).not.toHaveBeenCalled();
    const taken = history();
    await taken.history.open("c1");
    expect(taken.onOpened).toHaveBeenCalledOnce();
  });

  it("is busy exporting until the JSON arrives, and shows a failed export", async () => {
    let finish: (value: unknown) => void = () => undefined;
    api.exportConversation.mockReturnValue(new Promise((resolve) => (finish = resolve)));
    const { history: h } = history();
    const exporting = h.exportJson("c1");
    expect(h.exporting()).toBe(true);
    finish({ ok: false, error: { code: "Database", message: "disk full", hint: "Free space" } });
    await exporting;
    expect(h.exporting()).toBe(false);
    expect(h.failure()?.code).toBe("Database");
  });
});
