// The Wire screen's state: polls only what changed since the last answer, and fetches the
// headers, bodies and frames of the selected exchange alone, again when that exchange changes.
import { createEffect, createMemo, createSignal, on } from "solid-js";
import type { WireChanges, WireExchange } from "../bindings";
import { applyChanges, emptyWireList } from "./log";

export interface WireSource {
  changes: (since: number) => Promise<WireChanges | null>;
  exchange: (id: number) => Promise<WireExchange | null>;
  clear: () => Promise<void>;
}

export function createWireLog(source: WireSource) {
  const [list, setList] = createSignal(emptyWireList);
  const [chosen, setChosen] = createSignal<number | null>(null);
  const [detail, setDetail] = createSignal<WireExchange | null>(null);
  let polling: Promise<void> | null = null;

  /** Fetch what changed; a call while one is under way waits for that one. */
  function refresh(): Promise<void> {
    polling ??= (async () => {
      try {
        const changes = await source.changes(list().revision);
        if (changes) setList(applyChanges(list(), changes));
      } finally {
        polling = null;
      }
    })();
    return polling;
  }

  const exchanges = () => list().exchanges;
  /** The exchange shown: the one picked while it is kept, else the newest. */
  const selected = createMemo(() => exchanges().find((e) => e.id === chosen()) ?? exchanges()[0] ?? null);

  // The summary object is replaced whenever its exchange changes: fetch it whole again then;
  // of fetches that overlap, only the last one's answer is shown.
  let fetches = 0;
  createEffect(
    on(selected, (summary) => {
      fetches += 1;
      const mine = fetches;
      if (summary === null) {
        setDetail(null);
        return;
      }
      void source.exchange(summary.id).then((full) => {
        if (mine === fetches) setDetail(full);
      });
    }),
  );

  async function clear(): Promise<void> {
    await source.clear();
    await refresh();
  }

  return {
    exchanges,
    selected,
    select: (id: number) => setChosen(id),
    /** The selected exchange in full, once fetched (it may lag behind `selected` briefly). */
    detail: () => (detail()?.id === selected()?.id ? detail() : null),
    refresh,
    clear,
  };
}

export type WireLog = ReturnType<typeof createWireLog>;
