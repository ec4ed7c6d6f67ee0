// The retrieval trace: the whole ranking with the cut at k, and one query under several
// settings compared (rank changes, overlap@k, chunks only one setting finds).

export interface RankedChunk {
  rank: number;
  score: number | null;
  text: string;
  chunkId: string | null;
  location: { kind: string; uri: string | null };
}

/** A stable identity for a chunk across runs: its chunk id, else its source and text. */
export function chunkKey(chunk: RankedChunk): string {
  return chunk.chunkId ?? `${chunk.location.uri ?? ""}\u0000${chunk.text}`;
}

export interface TraceRow {
  chunk: RankedChunk;
  /** Inside the first k results (what Retrieve with numberOfResults = k returns). */
  kept: boolean;
}

/** Every result with whether it falls inside the cut at k. */
export function rankingWithCut(chunks: readonly RankedChunk[], k: number): TraceRow[] {
  return [...chunks].sort((a, b) => a.rank - b.rank).map((chunk, index) => ({ chunk, kept: index < k }));
}

export interface TraceRun {
  label: string;
  chunks: readonly RankedChunk[];
}

export interface RankCell {
  /** 1-based rank in this run, or null when the run did not find the chunk in its top k. */
  rank: number | null;
  score: number | null;
  /** Places moved up (positive) or down (negative) against the first run; null if either is missing. */
  change: number | null;
}

export interface ComparedChunk {
  key: string;
  chunk: RankedChunk;
  cells: RankCell[];
  /** The index of the only run that found it in its top k, or null. */
  onlyIn: number | null;
}

export interface Comparison {
  k: number;
  rows: ComparedChunk[];
  /** overlap[i][j]: |top-k(i) ∩ top-k(j)| / k. */
  overlap: number[][];
  /** For each run, the keys of chunks no other run found in its top k. */
  unique: string[][];
}

function topK(run: TraceRun, k: number): RankedChunk[] {
  return [...run.chunks].sort((a, b) => a.rank - b.rank).slice(0, k);
}

export function overlapAtK(a: readonly RankedChunk[], b: readonly RankedChunk[], k: number): number {
  if (k <= 0) return 0;
  const left = new Set(a.slice(0, k).map(chunkKey));
  const shared = b.slice(0, k).filter((c) => left.has(chunkKey(c))).length;
  return shared / k;
}

/** Compare 2–4 runs of the same query on their top k. */
export function compareRuns(runs: readonly TraceRun[], k: number): Comparison {
  const tops = runs.map((run) => topK(run, k));
  const order: string[] = [];
  const chunks = new Map<string, RankedChunk>();
  for (const top of tops) {
    for (const chunk of top) {
      const key = chunkKey(chunk);
      if (!chunks.has(key)) {
        chunks.set(key, chunk);
        order.push(key);
      }
    }
  }
  const positions = tops.map((top) => new Map(top.map((c, i) => [chunkKey(c), { rank: i + 1, score: c.score }])));
  const rows = order.map((key) => {
    const cells = positions.map((pos) => {
      const found = pos.get(key);
      const first = positions[0]?.get(key);
      return {
        rank: found?.rank ?? null,
        score: found?.score ?? null,
        change: found && first ? first.rank - found.rank : null,
      };
    });
    const present = cells.map((c, i) => (c.rank === null ? -1 : i)).filter((i) => i >= 0);
    return { key, chunk: chunks.get(key) as RankedChunk, cells, onlyIn: present.length === 1 ? (present[0] ?? null) : null };
  });
  const overlap = tops.map((a) => tops.map((b) => overlapAtK(a, b, k)));
  const unique = tops.map((_, i) => rows.filter((r) => r.onlyIn === i).map((r) => r.key));
  return { k, rows, overlap, unique };
}

/** "+2", "−1", "=" or "" for a rank change. */
export function changeLabel(change: number | null): string {
  if (change === null) return "";
  if (change === 0) return "=";
  return change > 0 ? `+${change}` : `−${-change}`;
}
