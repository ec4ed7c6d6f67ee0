import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSignal } from "solid-js";
import { render } from "solid-js/web";
import { VirtualList } from "./VirtualList";

const ROW = 52;
const VIEW = 520;

interface Item {
  id: number;
}

function row(item: Item): HTMLElement {
  const button = document.createElement("button");
  button.textContent = `exchange ${item.id}`;
  return button;
}

// jsdom lays nothing out: the scroll container reports a 520 px view, rows take their set height.
describe("VirtualList", () => {
  let host: HTMLDivElement;
  let dispose: () => void = () => undefined;
  const viewHeight = Object.getOwnPropertyDescriptor(HTMLElement.prototype, "clientHeight");
  beforeEach(() => {
    Object.defineProperty(HTMLElement.prototype, "clientHeight", {
      configurable: true,
      get(this: HTMLElement) {
        return this.classList.contains("virtual-list") ? VIEW : 0;
      },
    });
    host = document.createElement("div");
    document.body.appendChild(host);
  });
  afterEach(() => {
    dispose();
    host.remove();
    if (viewHeight) Object.defineProperty(HTMLElement.prototype, "clientHeight", viewHeight);
  });

  const shown = () => [...host.querySelectorAll("button")].map((b) => b.textContent);

  it("keeps only the rows in view plus a margin in the DOM, the full height in the scroll bar", () => {
    const items = Array.from({ length: 500 }, (_, id) => ({ id }));
    dispose = render(() => VirtualList({ items, rowHeight: ROW, overscan: 4, key: (item: Item) => item.id, label: "rows", children: row }), host);
    const rows = host.querySelectorAll("li");
    expect(rows.length).toBe(VIEW / ROW + 4);
    expect(shown()[0]).toBe("exchange 0");
    expect(host.querySelector<HTMLElement>("ul")?.style.height).toBe(`${500 * ROW}px`);
    expect(rows[0]?.getAttribute("aria-setsize")).toBe("500");
  });

  it("shows later rows when scrolled, and new items as they arrive", async () => {
    const [items, setItems] = createSignal(Array.from({ length: 300 }, (_, id) => ({ id })));
    dispose = render(
      () =>
        VirtualList({
          get items() {
            return items();
          },
          rowHeight: ROW,
          overscan: 4,
          key: (item: Item) => item.id,
          label: "rows",
          children: row,
        }),
      host,
    );
    const scroller = host.querySelector<HTMLElement>(".virtual-list");
    if (!scroller) throw new Error("no scroll container");
    scroller.scrollTop = 200 * ROW;
    scroller.dispatchEvent(new Event("scroll"));
    await Promise.resolve();
    expect(shown()).toContain("exchange 200");
    expect(shown()).not.toContain("exchange 0");
    expect(host.querySelectorAll("li").length).toBeLessThan(30);
    expect(host.querySelector("li[aria-posinset='201']")?.textContent).toBe("exchange 200");

    setItems([{ id: 999 }, ...items()]);
    expect(host.querySelector("li[aria-posinset='201']")?.textContent).toBe("exchange 199");
    expect(host.querySelector("li")?.getAttribute("aria-setsize")).toBe("301");
  });
});
