// What the model picker lists: the search's matches, and always the chosen model, so the
// picker never shows one model while the app sends to another.
import type { ModelOption } from "../bindings";
import type { ModelGroup } from "./catalogue";

export const CHOSEN_LABEL = "Chosen";

/** `groups` with the chosen model in front when the search hid it. */
export function withChosen(groups: readonly ModelGroup[], chosen: ModelOption | undefined): ModelGroup[] {
  if (chosen === undefined) return [...groups];
  const shown = groups.some((group) => group.models.some((m) => m.invokeId === chosen.invokeId));
  return shown ? [...groups] : [{ label: CHOSEN_LABEL, models: [chosen] }, ...groups];
}

/** Whether the search matched nothing but the chosen model kept in front. */
export function onlyChosen(groups: readonly ModelGroup[]): boolean {
  return groups.length === 1 && groups[0]?.label === CHOSEN_LABEL;
}
