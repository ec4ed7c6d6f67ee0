// Numbers of the lab as people read them.

export function formatCount(n: number): string {
  return n.toLocaleString("en-US");
}

export function formatCost(usd: number): string {
  if (usd === 0) return "$0";
  if (usd < 0.0001) return "< $0.0001";
  if (usd < 1) return `$${usd.toFixed(4)}`;
  return `$${usd.toFixed(2)}`;
}

export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return "—";
  if (seconds < 1) return "< 1 s";
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const minutes = Math.floor(seconds / 60);
  const rest = Math.round(seconds % 60);
  return `${minutes} min ${rest} s`;
}

export function formatShare(value: number): string {
  return `${Math.round(value * 100)}%`;
}

/** "UMAP · 14:02" — an earlier map in a picker. */
export function layoutLabel(layout: { method: string; createdMs: number | null; points: number }): string {
  const when = layout.createdMs === null ? "" : ` · ${new Date(layout.createdMs).toLocaleString()}`;
  return `${layout.method.toUpperCase()}${when}`;
}
