// What each point's colour stands for: its cluster's label, or the value of a metadata column.
import type { ClusterView, DatasetRows } from "../../bindings";

/** One value per point for `colourBy` ("cluster" or "meta:<column>"); null: missing or unclustered. */
export function colourValues(
  colourBy: string,
  n: number,
  assignments: Int32Array | null,
  clusters: readonly ClusterView[],
  rows: DatasetRows | null,
): (string | null)[] {
  if (colourBy.startsWith("meta:") && rows) {
    const column = rows.metadataColumns.indexOf(colourBy.slice(5));
    if (column >= 0) {
      return Array.from({ length: n }, (_, i) => {
        const value = rows.metadata[i]?.[column];
        return value === undefined || value === "" ? null : value;
      });
    }
  }
  if (!assignments || assignments.length !== n) return Array.from({ length: n }, () => null);
  const labels = new Map(clusters.map((c) => [c.id, c.label]));
  return Array.from(assignments, (id) => (id < 0 ? null : (labels.get(id) ?? `cluster ${String(id)}`)));
}

/** Indices of the texts containing `query`, case-insensitive, in dataset order. */
export function matchText(texts: readonly string[], query: string): number[] {
  const needle = query.toLocaleLowerCase();
  const out: number[] = [];
  texts.forEach((text, i) => {
    if (text.toLocaleLowerCase().includes(needle)) out.push(i);
  });
  return out;
}
