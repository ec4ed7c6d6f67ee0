// "On the map": which of the map's chunks were retrieved or cited, the chunks seen so far, and
// the words that say where the map's points come from.
import type { CitationInfo, MapChunk, MapSource, RetrievedChunk } from "../../bindings";

/** How many seen chunks are kept for the map of a knowledge base on AWS. */
export const MAX_SEEN = 500;

/** A chunk's identity: its id when the service gives one, else its text. */
export function chunkKey(chunk: { chunkId: string | null; text: string }): string {
  return chunk.chunkId !== null && chunk.chunkId !== "" ? `id:${chunk.chunkId}` : `text:${chunk.text.trim()}`;
}

export function toMapChunk(chunk: RetrievedChunk): MapChunk {
  return { chunkId: chunk.chunkId, text: chunk.text, uri: chunk.location.uri };
}

/** `seen` with the new chunks added once each (the newest kept when past `MAX_SEEN`). */
export function accumulate(seen: readonly MapChunk[], chunks: readonly RetrievedChunk[]): MapChunk[] {
  const keys = new Set(seen.map(chunkKey));
  const next = [...seen];
  for (const chunk of chunks) {
    if (chunk.text.trim() === "") continue;
    const mapped = toMapChunk(chunk);
    const key = chunkKey(mapped);
    if (keys.has(key)) continue;
    keys.add(key);
    next.push(mapped);
  }
  return next.slice(-MAX_SEEN);
}

/** The indices of `points` that are among `chunks`: by id where both have one, else by text. */
export function matchIndices(points: readonly MapChunk[], chunks: readonly { chunkId: string | null; text: string }[]): Set<number> {
  const ids = new Set<string>();
  const texts = new Set<string>();
  for (const c of chunks) {
    if (c.chunkId !== null && c.chunkId !== "") ids.add(c.chunkId);
    texts.add(c.text.trim());
  }
  const found = new Set<number>();
  points.forEach((p, i) => {
    const byId = p.chunkId !== null && ids.has(p.chunkId);
    if (byId || texts.has(p.text.trim())) found.add(i);
  });
  return found;
}

/** The chunks the answer's citations reference. */
export function citedChunks(citations: readonly CitationInfo[]): RetrievedChunk[] {
  return citations.flatMap((c) => c.references);
}

/** A source document's short name: the last part of its URI. */
export function documentName(uri: string | null): string | null {
  if (uri === null || uri.trim() === "") return null;
  const parts = uri.replace(/\/+$/, "").split("/");
  return parts[parts.length - 1] ?? uri;
}

/** Where the points come from, in words. */
export function describeSource(source: MapSource, count: number): string {
  const chunks = count === 1 ? "chunk" : "chunks";
  return source === "all"
    ? `All ${String(count)} ${chunks} of the knowledge base (the emulator lists them with their vectors).`
    : `The ${String(count)} ${chunks} retrieved so far: AWS lists no chunks, so the map grows with each query, embedded with the knowledge base's own model (cached, so nothing is paid twice).`;
}
