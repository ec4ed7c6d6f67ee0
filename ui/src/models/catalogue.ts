// Finding a model: search over name, ID, provider and modality; favourites first.
import type { ModelOption } from "../bindings";

export interface ModelGroup {
  label: string;
  models: ModelOption[];
}

function matches(model: ModelOption, words: readonly string[]): boolean {
  const haystack = [
    model.name,
    model.modelId,
    model.invokeId,
    model.provider,
    ...model.inputModalities,
    model.lifecycle,
  ]
    .join(" ")
    .toLowerCase();
  return words.every((word) => haystack.includes(word));
}

/** The models matching every word of `query`, grouped by provider, favourites in their own group first. */
export function groupModels(
  models: readonly ModelOption[],
  query: string,
  favourites: ReadonlySet<string>,
): ModelGroup[] {
  const words = query.toLowerCase().split(/\s+/).filter((w) => w !== "");
  const found = models.filter((m) => matches(m, words));
  const groups: ModelGroup[] = [];
  const starred = found.filter((m) => favourites.has(m.modelId));
  if (starred.length > 0) groups.push({ label: "★ Favourites", models: starred });
  const byProvider = new Map<string, ModelOption[]>();
  for (const model of found) {
    if (favourites.has(model.modelId)) continue;
    const group = byProvider.get(model.provider) ?? [];
    group.push(model);
    byProvider.set(model.provider, group);
  }
  for (const [label, group] of byProvider) groups.push({ label, models: group });
  return groups;
}

/** Short facts about a model, in the order a user decides by. */
export function modelFacts(model: ModelOption): string[] {
  const facts = [
    `${model.inputModalities.join(" + ").toLowerCase()} → ${model.outputModalities.join(" + ").toLowerCase()}`,
    model.streaming ? "streaming" : "no streaming",
    model.lifecycle.toLowerCase(),
  ];
  if (model.inferenceProfile !== null) facts.push("needs an inference profile");
  return facts;
}
