import { describe, expect, it } from "vitest";
import type { Lint } from "../../bindings";
import { lintView, templatePieces } from "./lint";

const missingSearch: Lint = { severity: "error", code: "missingSearchResults", message: "The template must contain $search_results$.", placeholder: "$search_results$" };
const missingFormat: Lint = { severity: "warning", code: "missingOutputFormatInstructions", message: "No citations.", placeholder: "$output_format_instructions$" };

describe("lint display", () => {
  it("blocks sending on an error", () => {
    const view = lintView([missingSearch, missingFormat], true);
    expect(view.blocking).toBe(true);
    expect(view.summary).toContain("$search_results$");
    expect(view.noCitations).toBe(true);
  });

  it("warns that citations will not come back", () => {
    const view = lintView([missingFormat], true);
    expect(view.blocking).toBe(false);
    expect(view.summary).toContain("without citations");
  });

  it("says nothing for Bedrock's own template", () => {
    expect(lintView([missingSearch], false)).toEqual({ blocking: false, errors: [], warnings: [], summary: null, noCitations: false });
  });

  it("cuts a template at its placeholders", () => {
    expect(templatePieces("Use $search_results$ for $query$ and $name$.")).toEqual([
      { text: "Use ", placeholder: null },
      { text: "$search_results$", placeholder: "known" },
      { text: " for ", placeholder: null },
      { text: "$query$", placeholder: "known" },
      { text: " and ", placeholder: null },
      { text: "$name$", placeholder: "unknown" },
      { text: ".", placeholder: null },
    ]);
  });
});
