import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { render } from "solid-js/web";
import { createSignal } from "solid-js";
import { ScatterMap } from "./ScatterMap";
import type { ScatterMapApi } from "./ScatterMap";

// jsdom has no WebGL: the component must say so and keep working as a DOM widget.
describe("ScatterMap without WebGL2", () => {
  let host: HTMLDivElement;
  let dispose: () => void;
  beforeEach(() => {
    vi.spyOn(HTMLCanvasElement.prototype, "getContext").mockReturnValue(null);
    host = document.createElement("div");
    document.body.appendChild(host);
  });
  afterEach(() => {
    dispose();
    host.remove();
    vi.restoreAllMocks();
  });

  it("mounts, explains, toggles its modes, and exposes its api", () => {
    let api: ScatterMapApi | undefined;
    const [positions, setPositions] = createSignal(new Float32Array([0, 0, 1, 1, 2, 0]));
    const onSelect = vi.fn();
    dispose = render(
      () =>
        ScatterMap({
          get positions() {
            return positions();
          },
          colours: new Uint8Array(12).fill(255),
          selected: new Set([1]),
          labels: [{ text: "a cluster", x: 1, y: 1 }],
          ariaLabel: "Test map",
          onSelect,
          onReady: (a) => {
            api = a;
          },
        }),
      host,
    );
    const canvas = host.querySelector<HTMLCanvasElement>("[data-testid='map-canvas']");
    expect(canvas?.getAttribute("aria-label")).toBe("Test map");
    expect(host.querySelector(".scatter-map")?.getAttribute("data-status")).toBe("unsupported");
    expect(host.textContent).toContain("WebGL2");
    const lasso = host.querySelector<HTMLButtonElement>("[data-testid='map-lasso']");
    const box = host.querySelector<HTMLButtonElement>("[data-testid='map-box']");
    expect(lasso?.getAttribute("aria-pressed")).toBe("false");
    lasso?.click();
    expect(lasso?.getAttribute("aria-pressed")).toBe("true");
    box?.click();
    expect(lasso?.getAttribute("aria-pressed")).toBe("false");
    expect(box?.getAttribute("aria-pressed")).toBe("true");
    for (const b of host.querySelectorAll(".scatter-map-toolbar button")) {
      expect(b.getAttribute("aria-label")).toBeTruthy();
      expect(b.getAttribute("title")).toBeTruthy();
    }
    // Escape leaves the box mode, then clears the selection.
    canvas?.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true }));
    expect(box?.getAttribute("aria-pressed")).toBe("false");
    canvas?.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true }));
    expect(onSelect).toHaveBeenCalledWith([]);
    expect(api).toBeDefined();
    expect(api?.screenPositionOf(99)).toBeNull();
    expect(() => api?.fit()).not.toThrow();
    setPositions(new Float32Array([5, 5, 6, 6]));
    expect(host.querySelector(".scatter-map")?.getAttribute("data-points")).toBe("2");
  });
});
