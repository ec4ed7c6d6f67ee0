// An answer cut into plain and cited segments, each cited one followed by its footnotes.
// Bedrock's spans are character offsets (code points), end exclusive.

export interface CitedSpan {
  start: number;
  end: number;
}

export interface CitationLike {
  text: string;
  span: CitedSpan | null;
}

export interface Segment {
  text: string;
  /** Inside at least one cited span. */
  cited: boolean;
  /** 1-based footnote numbers (citation index + 1) of the spans ending with this segment. */
  footnotes: number[];
}

/** Where each citation sits in the answer: its span, else where its text is found. */
export function citationRanges(answer: string, citations: readonly CitationLike[]): (CitedSpan | null)[] {
  const points = Array.from(answer);
  return citations.map((citation) => {
    const span = citation.span;
    if (span && span.end > span.start && span.start >= 0) {
      return { start: span.start, end: Math.min(span.end, points.length) };
    }
    if (citation.text.trim() === "") return null;
    const at = answer.indexOf(citation.text);
    if (at < 0) return null;
    const start = Array.from(answer.slice(0, at)).length;
    return { start, end: start + Array.from(citation.text).length };
  });
}

/** The answer as segments: cited spans marked with their footnotes, the rest plain. */
export function markCitations(answer: string, citations: readonly CitationLike[]): Segment[] {
  const points = Array.from(answer);
  const ranges = citationRanges(answer, citations);
  const cuts = new Set<number>([0, points.length]);
  for (const range of ranges) {
    if (range && range.start < points.length) {
      cuts.add(range.start);
      cuts.add(range.end);
    }
  }
  const sorted = [...cuts].sort((a, b) => a - b);
  const segments: Segment[] = [];
  for (let i = 0; i + 1 < sorted.length; i++) {
    const from = sorted[i] ?? 0;
    const to = sorted[i + 1] ?? 0;
    if (to <= from) continue;
    const covering = ranges
      .map((range, index) => (range && range.start <= from && range.end >= to ? index + 1 : 0))
      .filter((n) => n > 0);
    // A footnote is shown once, after the last segment of its span.
    const footnotes = covering.filter((n) => ranges[n - 1]?.end === to);
    segments.push({ text: points.slice(from, to).join(""), cited: covering.length > 0, footnotes });
  }
  return segments;
}

/** Citations that could not be placed in the answer (shown after it). */
export function unplacedCitations(answer: string, citations: readonly CitationLike[]): number[] {
  return citationRanges(answer, citations)
    .map((range, index) => (range === null ? index + 1 : 0))
    .filter((n) => n > 0);
}
