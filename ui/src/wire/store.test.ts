import { describe, expect, it, vi } from "vitest";
import { createRoot } from "solid-js";
import type { WireChanges, WireExchange } from "../bindings";
import { createWireLog, type WireSource } from "./store";
import { exchangeOf, summary } from "./testFixtures";

/** A backend whose full-exchange answers the test releases one by one. */
function fakeBackend(changes: WireChanges[]) {
  const asked: number[] = [];
  const pending: { id: number; answer: (value: WireExchange | null) => void }[] = [];
  const source: WireSource = {
    changes: vi.fn((since: number) => {
      asked.push(since);
      return Promise.resolve(changes.shift() ?? null);
    }),
    exchange: vi.fn(
      (id: number) =>
        new Promise<WireExchange | null>((resolve) => {
          pending.push({ id, answer: resolve });
        }),
    ),
    clear: vi.fn(() => Promise.resolve()),
  };
  return { source, asked, pending };
}

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i += 1) await Promise.resolve();
}

function inRoot<T>(make: () => T): T {
  return createRoot(() => make());
}

describe("the Wire screen's log", () => {
  it("asks only for what changed since the revision it has", async () => {
    const { source, asked } = fakeBackend([
      { revision: 2, exchanges: [summary(1), summary(2)], keptFromId: 1 },
      { revision: 3, exchanges: [summary(3)], keptFromId: 1 },
    ]);
    const wire = inRoot(() => createWireLog(source));
    await wire.refresh();
    await wire.refresh();
    await wire.refresh();
    expect(asked).toEqual([0, 2, 3]);
    expect(wire.exchanges().map((e) => e.id)).toEqual([3, 2, 1]);
  });

  it("fetches the full exchange for the selected one only, and drops a late answer", async () => {
    const { source, pending } = fakeBackend([{ revision: 3, exchanges: [summary(1), summary(2), summary(3)], keptFromId: 1 }]);
    const wire = inRoot(() => createWireLog(source));
    await wire.refresh();
    expect(pending.map((p) => p.id)).toEqual([3]);
    wire.select(1);
    expect(pending.map((p) => p.id)).toEqual([3, 1]);
    pending[1]?.answer(exchangeOf(1));
    await settle();
    expect(wire.detail()?.id).toBe(1);
    pending[0]?.answer(exchangeOf(3));
    await settle();
    expect(wire.detail()?.id).toBe(1);
    expect(wire.selected()?.id).toBe(1);
  });

  it("fetches the selected exchange again when it changes, and no other", async () => {
    const { source, pending } = fakeBackend([
      { revision: 2, exchanges: [summary(1), summary(2)], keptFromId: 1 },
      { revision: 4, exchanges: [summary(1, { status: 200 }), summary(2, { frameCount: 7 })], keptFromId: 1 },
    ]);
    const wire = inRoot(() => createWireLog(source));
    await wire.refresh();
    wire.select(2);
    await wire.refresh();
    expect(pending.map((p) => p.id)).toEqual([2, 2]);
  });

  it("falls back to the newest when the selected one is evicted", async () => {
    const { source } = fakeBackend([
      { revision: 2, exchanges: [summary(1), summary(2)], keptFromId: 1 },
      { revision: 3, exchanges: [summary(3)], keptFromId: 2 },
    ]);
    const wire = inRoot(() => createWireLog(source));
    await wire.refresh();
    wire.select(1);
    await wire.refresh();
    expect(wire.selected()?.id).toBe(3);
  });
});
