import { createMemo, For, Show } from "solid-js";
import { ScatterMap } from "../map/ScatterMap";
import type { CompareState } from "../compareState";
import { describeSpec } from "../logic/spec";
import { formatShare } from "../logic/format";
import { shareColours } from "../logic/gradient";
import type { EmbeddingsLab } from "../state";

/** Two embeddings of the dataset side by side, coloured by how many neighbours they share. */
export function ComparePanel(props: { lab: EmbeddingsLab; compare: CompareState }) {
  const compare = props.compare;
  const done = () => props.lab.runs().filter((r) => r.status === "done");
  const colours = createMemo(() => {
    const overlap = compare.overlap();
    return overlap ? shareColours(overlap.perPoint) : new Uint8Array();
  });
  const selected = createMemo(() => new Set(compare.selection()));
  const highlighted = createMemo(() => {
    const h = compare.hovered();
    return new Set(h === null ? [] : [h]);
  });
  const text = (index: number) => props.lab.rows()?.texts[index] ?? "";
  const runPicker = (id: string, value: () => number | null, set: (v: number) => void, label: string) => (
    <div class="param">
      <label for={id}>{label}</label>
      <select id={id} data-testid={id} value={String(value() ?? "")} onChange={(e) => { set(Number(e.currentTarget.value)); }}>
        <For each={done()}>
          {(run) => (
            <option value={run.id} selected={run.id === value()}>
              {describeSpec(run.spec, props.lab.models())}
            </option>
          )}
        </For>
      </select>
    </div>
  );
  return (
    <div class="lab-compare" data-testid="lab-compare">
      <header class="lab-compare-head">
        <Show
          when={done().length >= 2}
          fallback={
            <p class="muted">
              Embed this dataset twice to compare: with two models, or with Titan v2 at 256 and at 1024 dimensions.
            </p>
          }
        >
          {runPicker("lab-compare-a", compare.runA, compare.setRunA, "Left")}
          {runPicker("lab-compare-b", compare.runB, compare.setRunB, "Right")}
          <button
            class="primary"
            data-testid="lab-compare-go"
            disabled={compare.working() !== null || compare.runA() === compare.runB()}
            onClick={() => void compare.compare()}
          >
            {compare.working() ?? "Compare"}
          </button>
          <Show when={compare.overlap()}>
            {(overlap) => (
              <p class="lab-overlap" data-testid="lab-overlap">
                Neighbour overlap@{overlap().k}: <strong>{formatShare(overlap().mean)}</strong>
                <span class="muted"> of each text’s {overlap().k} nearest texts are the same in both (red: they differ)</span>
              </p>
            )}
          </Show>
        </Show>
      </header>
      <Show when={compare.overlap() && compare.layoutA() && compare.layoutB()}>
        <div class="lab-compare-maps">
          <For each={[compare.layoutA(), compare.layoutB()]}>
            {(layout, i) => (
              <div class="lab-map">
                <Show when={layout}>
                  {(l) => (
                    <ScatterMap
                      positions={l().positions}
                      colours={colours()}
                      selected={selected()}
                      highlighted={highlighted()}
                      ariaLabel={i() === 0 ? "Left embedding's map" : "Right embedding's map"}
                      testId={`lab-compare-map-${String(i())}`}
                      onHover={(index) => compare.setHovered(index)}
                      onPick={(index) => compare.select([index])}
                      onSelect={(indices) => compare.select(indices)}
                    />
                  )}
                </Show>
              </div>
            )}
          </For>
        </div>
        <section class="lab-least">
          <h3>Where the two disagree most</h3>
          <ol class="lab-hits">
            <For each={compare.overlap()?.leastOverlap.slice(0, 8) ?? []}>
              {(index) => (
                <li>
                  <button class="lab-hit" onClick={() => compare.select([index])}>
                    <span class="score">{formatShare(compare.overlap()?.perPoint[index] ?? 0)}</span>
                    <span>{text(index)}</span>
                  </button>
                </li>
              )}
            </For>
          </ol>
        </section>
      </Show>
    </div>
  );
}
