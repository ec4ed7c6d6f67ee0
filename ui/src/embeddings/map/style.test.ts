import { describe, expect, it } from "vitest";
import { autoPointStyle, parseCssColour } from "./style";

describe("autoPointStyle", () => {
  it("draws many points smaller and fainter, and grows them as you zoom in", () => {
    const few = autoPointStyle(1000, 1);
    const many = autoPointStyle(100000, 1);
    expect(many.size).toBeLessThan(few.size);
    expect(many.opacity).toBeLessThan(few.opacity);
    expect(many.size).toBeGreaterThanOrEqual(2);
    const zoomed = autoPointStyle(100000, 50);
    expect(zoomed.size).toBeGreaterThan(many.size);
    expect(zoomed.opacity).toBeGreaterThan(many.opacity);
    expect(autoPointStyle(100000, 0.1).size).toBe(many.size);
    expect(autoPointStyle(0, 1).opacity).toBeLessThanOrEqual(0.95);
  });
});

describe("parseCssColour", () => {
  it("reads computed-style colours", () => {
    expect(parseCssColour("rgb(255, 0, 51)")).toEqual([1, 0, 0.2, 1]);
    expect(parseCssColour("rgba(0, 0, 0, 0.5)")).toEqual([0, 0, 0, 0.5]);
    expect(parseCssColour("rgb(0 255 0 / 50%)")).toEqual([0, 1, 0, 0.5]);
    expect(parseCssColour(" #ffffff ")).toEqual([1, 1, 1, 1]);
    expect(parseCssColour("color(srgb 1 0 0)")).toBeNull();
  });
});
