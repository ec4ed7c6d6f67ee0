import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createRoot } from "solid-js";
import { render } from "solid-js/web";
import { createWireLog } from "./store";
import { exchangeOf, summary } from "./testFixtures";
import { WireList } from "./WireList";

// jsdom lays nothing out: the list's scroll container reports a 520 px view.
describe("the Wire list by keyboard", () => {
  let host: HTMLDivElement;
  let dispose: () => void = () => undefined;
  const viewHeight = Object.getOwnPropertyDescriptor(HTMLElement.prototype, "clientHeight");
  beforeEach(() => {
    Object.defineProperty(HTMLElement.prototype, "clientHeight", {
      configurable: true,
      get(this: HTMLElement) {
        return this.classList.contains("virtual-list") ? 520 : 0;
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

  it("moves the selection with the arrow keys, newest first", async () => {
    const wire = createRoot(() =>
      createWireLog({
        changes: () => Promise.resolve({ revision: 3, exchanges: [summary(1), summary(2), summary(3)], keptFromId: 1 }),
        exchange: (id) => Promise.resolve(exchangeOf(id)),
        clear: () => Promise.resolve(),
      }),
    );
    await wire.refresh();
    dispose = render(() => WireList({ wire }), host);
    const list = host.querySelector<HTMLElement>("[data-testid='wire-list']");
    const current = () => host.querySelector("[aria-current='true']")?.getAttribute("data-wire-id");
    expect(current()).toBe("3");
    list?.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowDown", bubbles: true }));
    expect(wire.selected()?.id).toBe(2);
    expect(current()).toBe("2");
    list?.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowDown", bubbles: true }));
    list?.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowDown", bubbles: true }));
    expect(wire.selected()?.id).toBe(1);
    list?.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowUp", bubbles: true }));
    expect(wire.selected()?.id).toBe(2);
  });
});
