import { createVirtualizer } from "@tanstack/solid-virtual";
import { For, Show, type JSX } from "solid-js";

/** What a parent may ask of the list: bring a row into view (it may not be in the DOM yet). */
export interface VirtualListApi {
  scrollToIndex: (index: number) => void;
}

/**
 * A long list of fixed-height rows of which only those in view, plus `overscan` on either side,
 * are in the DOM; the list keeps its full height, so the scroll bar is the whole list's.
 */
export function VirtualList<T extends object>(props: {
  items: readonly T[];
  rowHeight: number;
  overscan?: number;
  key: (item: T) => string | number;
  label: string;
  class?: string;
  testId?: string;
  onKeyDown?: (event: KeyboardEvent) => void;
  ref?: (api: VirtualListApi) => void;
  children: (item: T, index: number) => JSX.Element;
}) {
  let scroller: HTMLDivElement | undefined;
  const virtualizer = createVirtualizer({
    get count() {
      return props.items.length;
    },
    getScrollElement: () => scroller ?? null,
    estimateSize: () => props.rowHeight,
    get overscan() {
      return props.overscan ?? 6;
    },
    getItemKey: (index) => {
      const item = props.items[index];
      return item === undefined ? index : props.key(item);
    },
  });
  props.ref?.({ scrollToIndex: (index) => { virtualizer.scrollToIndex(index, { align: "auto" }); } });
  return (
    <div class={`virtual-list ${props.class ?? ""}`} ref={(el) => (scroller = el)} data-testid={props.testId} onKeyDown={(e) => props.onKeyDown?.(e)}>
      <ul class="virtual-list-rows" aria-label={props.label} style={{ height: `${virtualizer.getTotalSize()}px` }}>
        <For each={virtualizer.getVirtualItems()}>
          {(row) => (
            <Show when={props.items[row.index]} keyed>
              {(item) => (
                <li
                  class="virtual-list-row"
                  aria-setsize={props.items.length}
                  aria-posinset={row.index + 1}
                  style={{ height: `${props.rowHeight}px`, transform: `translateY(${row.start}px)` }}
                >
                  {props.children(item, row.index)}
                </li>
              )}
            </Show>
          )}
        </For>
      </ul>
    </div>
  );
}
