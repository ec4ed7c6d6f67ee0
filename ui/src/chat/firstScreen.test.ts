import { createRoot, createSignal } from "solid-js";
import { afterEach, describe, expect, it, vi } from "vitest";
import { FIRST_SCREEN_MARK, markFirstScreenWhen } from "./firstScreen";

describe("markFirstScreenWhen", () => {
  afterEach(() => {
    performance.clearMarks();
    vi.unstubAllGlobals();
  });

  it("marks once, two frames after the models first arrive", () => {
    const frames: FrameRequestCallback[] = [];
    vi.stubGlobal("requestAnimationFrame", (callback: FrameRequestCallback) => frames.push(callback));
    const runFrame = () => {
      frames.splice(0).forEach((callback) => {
        callback(performance.now());
      });
    };
    const marks = () => performance.getEntriesByName(FIRST_SCREEN_MARK).length;
    const [models, setModels] = createSignal(0);
    createRoot(() => {
      markFirstScreenWhen(() => models() > 0);
    });
    runFrame();
    expect(marks()).toBe(0);
    setModels(12);
    runFrame();
    expect(marks()).toBe(0);
    runFrame();
    expect(marks()).toBe(1);
    setModels(0);
    setModels(30);
    runFrame();
    runFrame();
    expect(marks()).toBe(1);
  });
});
