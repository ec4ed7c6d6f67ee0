import { describe, expect, it } from "vitest";
import { citationRanges, markCitations, unplacedCitations } from "./citations";

describe("markCitations", () => {
  const answer = "Bedrock has knowledge bases. They retrieve chunks. Done.";
  it("marks each cited span and puts its footnote at its end", () => {
    const segments = markCitations(answer, [
      { text: "Bedrock has knowledge bases.", span: { start: 0, end: 28 } },
      { text: "They retrieve chunks.", span: { start: 29, end: 50 } },
    ]);
    expect(segments.map((s) => [s.text, s.cited, s.footnotes])).toEqual([
      ["Bedrock has knowledge bases.", true, [1]],
      [" ", false, []],
      ["They retrieve chunks.", true, [2]],
      [" Done.", false, []],
    ]);
    expect(segments.map((s) => s.text).join("")).toBe(answer);
  });

  it("handles overlapping spans and code points", () => {
    const text = "é😀 ab cd";
    const segments = markCitations(text, [
      { text: "é😀 ab", span: { start: 0, end: 5 } },
      { text: "ab cd", span: { start: 3, end: 8 } },
    ]);
    expect(segments.map((s) => [s.text, s.footnotes])).toEqual([
      ["é😀 ", []],
      ["ab", [1]],
      [" cd", [2]],
    ]);
    expect(segments.every((s) => s.cited)).toBe(true);
  });

  it("places a citation without a span by its text, and reports those it cannot place", () => {
    const citations = [
      { text: "They retrieve chunks.", span: null },
      { text: "not in the answer", span: null },
    ];
    expect(citationRanges(answer, citations)).toEqual([{ start: 29, end: 50 }, null]);
    expect(unplacedCitations(answer, citations)).toEqual([2]);
  });

  it("clips a span past the end of a streamed answer", () => {
    const segments = markCitations("short", [{ text: "short text", span: { start: 0, end: 10 } }]);
    expect(segments).toEqual([{ text: "short", cited: true, footnotes: [1] }]);
  });
});
