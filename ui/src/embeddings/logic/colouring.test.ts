import { describe, expect, it } from "vitest";
import { colourValues, matchText } from "./colouring";

const rows = { texts: ["Bake bread", "Mars rover", "bread rolls"], metadataColumns: ["topic"], metadata: [["cooking"], ["space"], [""]] };

describe("colouring", () => {
  it("colours by cluster label, noise as missing", () => {
    const clusters = [{ id: 0, size: 2, centroid: [0, 0], words: ["bread"], label: "bread" }];
    expect(colourValues("cluster", 3, Int32Array.from([0, -1, 0]), clusters, rows)).toEqual(["bread", null, "bread"]);
  });
  it("colours by a metadata column, empty as missing", () => {
    expect(colourValues("meta:topic", 3, null, [], rows)).toEqual(["cooking", "space", null]);
  });
  it("falls back to missing when clusters are not known yet", () => {
    expect(colourValues("cluster", 2, null, [], rows)).toEqual([null, null]);
  });
  it("finds texts by substring, ignoring case", () => {
    expect(matchText(rows.texts, "BREAD")).toEqual([0, 2]);
    expect(matchText(rows.texts, "jupiter")).toEqual([]);
  });
});
