// How the prompt-template lint is shown: errors block sending, warnings are said inline.
import type { Lint } from "../../bindings";

export interface LintView {
  /** Sending is blocked (an error such as a missing $search_results$). */
  blocking: boolean;
  errors: Lint[];
  warnings: Lint[];
  /** One line for the composer when sending is blocked or citations will not come back. */
  summary: string | null;
  /** Citations will not come back ($output_format_instructions$ missing). */
  noCitations: boolean;
}

export function lintView(lints: readonly Lint[] | null, customTemplate: boolean): LintView {
  const all = customTemplate && lints ? lints : [];
  const errors = all.filter((l) => l.severity === "error");
  const warnings = all.filter((l) => l.severity === "warning");
  const noCitations = warnings.some((l) => l.code === "missingOutputFormatInstructions");
  let summary: string | null = null;
  if (errors.length > 0) summary = `Fix the prompt template first: ${errors[0]?.message ?? ""}`;
  else if (noCitations) summary = "The prompt template has no $output_format_instructions$: the answer will come back without citations.";
  return { blocking: errors.length > 0, errors, warnings, summary, noCitations };
}

export interface TemplatePiece {
  text: string;
  /** A placeholder: known (`$query$`...) or not. */
  placeholder: "known" | "unknown" | null;
}

const KNOWN = ["$search_results$", "$query$", "$output_format_instructions$", "$current_time$"];

/** The template cut at its placeholders, for highlighting. */
export function templatePieces(template: string): TemplatePiece[] {
  const pieces: TemplatePiece[] = [];
  const pattern = /\$[A-Za-z0-9_]+\$/g;
  let last = 0;
  for (const match of template.matchAll(pattern)) {
    const at = match.index;
    if (at > last) pieces.push({ text: template.slice(last, at), placeholder: null });
    pieces.push({ text: match[0], placeholder: KNOWN.includes(match[0]) ? "known" : "unknown" });
    last = at + match[0].length;
  }
  if (last < template.length) pieces.push({ text: template.slice(last), placeholder: null });
  return pieces;
}
