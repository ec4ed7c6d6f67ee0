// `{{variable}}` placeholders in prompts: found, listed once each, and filled before sending.
// `\{{` writes a literal `{{`.

const PLACEHOLDER = /(\\?)\{\{\s*([A-Za-z_][A-Za-z0-9_.-]*)\s*\}\}/g;

/** The variables of `texts`, each once, in order of first appearance. */
export function templateVariables(...texts: string[]): string[] {
  const names: string[] = [];
  for (const text of texts) {
    for (const match of text.matchAll(PLACEHOLDER)) {
      const [, escape, name] = match;
      if (escape === "" && name !== undefined && !names.includes(name)) names.push(name);
    }
  }
  return names;
}

/** `text` with every variable replaced, or the names still missing a value. */
export function fillTemplate(
  text: string,
  values: Readonly<Record<string, string>>,
): { text: string; missing: string[] } {
  const missing = templateVariables(text).filter((name) => (values[name] ?? "") === "");
  if (missing.length > 0) return { text, missing };
  const filled = text.replace(PLACEHOLDER, (whole, escape: string, name: string) =>
    escape === "" ? (values[name] ?? whole) : whole.slice(1),
  );
  return { text: filled, missing: [] };
}
