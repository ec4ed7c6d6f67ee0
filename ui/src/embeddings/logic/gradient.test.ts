import { describe, expect, it } from "vitest";
import { shareColour, shareColours } from "./gradient";

describe("gradient", () => {
  it("runs from red to teal through amber", () => {
    expect(shareColour(0)).toEqual([220, 38, 38]);
    expect(shareColour(0.5)).toEqual([245, 158, 11]);
    expect(shareColour(1)).toEqual([20, 184, 166]);
    expect(shareColour(Number.NaN)).toEqual([220, 38, 38]);
  });
  it("packs RGBA per point", () => {
    const colours = shareColours(Float32Array.from([1, 0]), 255);
    expect(Array.from(colours)).toEqual([20, 184, 166, 255, 220, 38, 38, 255]);
  });
});
