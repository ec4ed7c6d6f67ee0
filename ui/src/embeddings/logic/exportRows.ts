// A selection of points as CSV or JSON Lines: the text, its metadata and its map position.

export interface ExportRow {
  index: number;
  text: string;
  metadata: Record<string, string>;
  x?: number;
  y?: number;
  cluster?: string;
}

function csvCell(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function rowsToCsv(rows: readonly ExportRow[], columns: readonly string[]): string {
  const header = ["index", "text", ...columns, "cluster", "x", "y"];
  const lines = [header.map(csvCell).join(",")];
  for (const row of rows) {
    const cells = [
      String(row.index),
      row.text,
      ...columns.map((c) => row.metadata[c] ?? ""),
      row.cluster ?? "",
      row.x === undefined ? "" : String(row.x),
      row.y === undefined ? "" : String(row.y),
    ];
    lines.push(cells.map(csvCell).join(","));
  }
  return lines.join("\n") + "\n";
}

export function rowsToJsonl(rows: readonly ExportRow[]): string {
  return rows.map((row) => JSON.stringify(row)).join("\n") + (rows.length ? "\n" : "");
}

/** The selected texts as context for a chat message. */
export function rowsAsContext(rows: readonly ExportRow[]): string {
  const items = rows.map((row, i) => `${i + 1}. ${row.text}`);
  return `Here are ${rows.length} texts from my dataset:\n\n${items.join("\n")}\n\n`;
}
