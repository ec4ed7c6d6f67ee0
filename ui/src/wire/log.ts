// The wire log as the screen keeps it: summaries merged from the backend's changes since the
// revision last seen, newest first; the full exchange only for the one selected.
import type { WireChanges, WireExchangeSummary } from "../bindings";

export interface WireList {
  revision: number;
  /** Newest first. */
  exchanges: WireExchangeSummary[];
}

export const emptyWireList: WireList = { revision: 0, exchanges: [] };

/** The list after `changes`: new exchanges added, changed ones replaced, evicted ones gone. */
export function applyChanges(list: WireList, changes: WireChanges): WireList {
  if (changes.revision === list.revision && changes.exchanges.length === 0) return list;
  const byId = new Map<number, WireExchangeSummary>();
  for (const exchange of list.exchanges) if (exchange.id >= changes.keptFromId) byId.set(exchange.id, exchange);
  for (const exchange of changes.exchanges) if (exchange.id >= changes.keptFromId) byId.set(exchange.id, exchange);
  return { revision: changes.revision, exchanges: [...byId.values()].sort((a, b) => b.id - a.id) };
}
