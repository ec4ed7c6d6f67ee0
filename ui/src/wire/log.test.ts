import { describe, expect, it } from "vitest";
import type { WireExchangeSummary } from "../bindings";
import { applyChanges, emptyWireList } from "./log";
import { summary } from "./testFixtures";

const ids = (list: { exchanges: WireExchangeSummary[] }) => list.exchanges.map((e) => e.id);

describe("applyChanges", () => {
  it("adds new exchanges newest first and replaces changed ones in place", () => {
    const first = applyChanges(emptyWireList, { revision: 2, exchanges: [summary(1), summary(2)], keptFromId: 1 });
    expect(ids(first)).toEqual([2, 1]);
    const next = applyChanges(first, { revision: 4, exchanges: [summary(1, { status: 200 }), summary(3)], keptFromId: 1 });
    expect(ids(next)).toEqual([3, 2, 1]);
    expect(next.revision).toBe(4);
    expect(next.exchanges[2]?.status).toBe(200);
    expect(next.exchanges[1]).toBe(first.exchanges[0]);
  });

  it("drops what the backend no longer keeps (evicted or cleared)", () => {
    const list = applyChanges(emptyWireList, { revision: 3, exchanges: [summary(1), summary(2), summary(3)], keptFromId: 1 });
    expect(ids(applyChanges(list, { revision: 5, exchanges: [summary(4)], keptFromId: 3 }))).toEqual([4, 3]);
    expect(ids(applyChanges(list, { revision: 6, exchanges: [], keptFromId: 4 }))).toEqual([]);
  });

  it("keeps the same list when nothing changed", () => {
    const list = applyChanges(emptyWireList, { revision: 1, exchanges: [summary(1)], keptFromId: 1 });
    expect(applyChanges(list, { revision: 1, exchanges: [], keptFromId: 1 })).toBe(list);
  });
});
