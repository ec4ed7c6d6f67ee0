// Which model the chat starts with when the one it had is not listed.
import type { ModelOption } from "../bindings";

/** The release date in a model ID (`...-20250219-v1:0`), for "newest first". */
function releaseDate(modelId: string): string {
  return /-(\d{8})-/.exec(modelId)?.[1] ?? "";
}

/** The model picked first: the newest active Claude Sonnet that streams, else any active one. */
export function preferredModel(models: readonly ModelOption[]): ModelOption | undefined {
  const usable = models.filter((m) => m.streaming && m.lifecycle !== "LEGACY");
  const sonnets = usable
    .filter((m) => /claude.*sonnet/i.test(m.modelId))
    .sort((a, b) => releaseDate(b.modelId).localeCompare(releaseDate(a.modelId)));
  return sonnets[0] ?? usable[0] ?? models[0];
}
