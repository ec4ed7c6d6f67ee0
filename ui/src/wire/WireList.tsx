import { Show } from "solid-js";
import type { WireExchangeSummary } from "../bindings";
import type { WireLog } from "./store";
import { VirtualList, type VirtualListApi } from "./VirtualList";
import { pathOf, statusClass } from "./wire";

/** Each row's height in pixels, gap included: the windowing places rows by it. */
const ROW_HEIGHT = 52;

/** The captured exchanges, newest first, only those in view in the DOM; ↑/↓ move the selection. */
export function WireList(props: { wire: WireLog }) {
  const wire = props.wire;
  let rows: VirtualListApi | undefined;
  const move = (event: KeyboardEvent, step: number) => {
    const items = wire.exchanges();
    const at = items.findIndex((e) => e.id === wire.selected()?.id);
    const next = items[Math.min(items.length - 1, Math.max(0, at + step))];
    if (next === undefined) return;
    event.preventDefault();
    wire.select(next.id);
    rows?.scrollToIndex(items.indexOf(next));
    const list = event.currentTarget as HTMLElement;
    requestAnimationFrame(() => list.querySelector<HTMLElement>(`[data-wire-id='${next.id}']`)?.focus());
  };
  return (
    <Show when={wire.exchanges().length > 0} fallback={<p class="muted wire-list">No request yet.</p>}>
      <VirtualList
        items={wire.exchanges()}
        rowHeight={ROW_HEIGHT}
        key={(exchange: WireExchangeSummary) => exchange.id}
        label="Captured exchanges, newest first"
        class="wire-list"
        testId="wire-list"
        ref={(api) => (rows = api)}
        onKeyDown={(event) => {
          if (event.key === "ArrowDown") move(event, 1);
          else if (event.key === "ArrowUp") move(event, -1);
        }}
      >
        {(exchange) => (
          <button
            class={`wire-item ${statusClass(exchange)}`}
            classList={{ selected: wire.selected()?.id === exchange.id }}
            aria-current={wire.selected()?.id === exchange.id ? "true" : undefined}
            data-testid="wire-item"
            data-wire-id={exchange.id}
            title={`${exchange.method} ${pathOf(exchange.url)}`}
            onClick={() => {
              wire.select(exchange.id);
            }}
          >
            <span class="wire-op">{exchange.operation ?? exchange.method}</span>
            <span class="muted">
              {exchange.status ?? "…"} · {exchange.modelId ?? pathOf(exchange.url)}
            </span>
          </button>
        )}
      </VirtualList>
    </Show>
  );
}
