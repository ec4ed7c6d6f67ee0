import { For, Show } from "solid-js";
import type { JSX } from "solid-js";
import "./map.css";

export interface LegendItem {
  value: string;
  colour: string;
  count: number;
  noise?: boolean;
}

export interface LegendProps {
  entries: readonly LegendItem[];
  /**
   * Either: the values the user has hidden (toggled off). Their entries are drawn faded and
   * not pressed; the others are pressed (shown).
   */
  hidden?: ReadonlySet<string>;
  /**
   * Or: the values the user has picked as a filter ("only these"). Their entries are pressed;
   * while it is non-empty the others are drawn faded. Empty or missing: no filter.
   */
  active?: ReadonlySet<string>;
  onToggle: (value: string) => void;
  title?: string;
  testId?: string;
}

/** A colour legend whose entries toggle their value: hidden/shown, or in/out of a filter. */
export function Legend(props: LegendProps): JSX.Element {
  const filtering = () => (props.active?.size ?? 0) > 0;
  const pressed = (value: string): boolean => {
    if (props.active) return props.active.has(value);
    return !(props.hidden?.has(value) ?? false);
  };
  return (
    <div class="map-legend" classList={{ "is-filtering": filtering() }} data-testid={props.testId ?? "map-legend"}>
      <Show when={props.title}>{(title) => <h4 class="map-legend-title">{title()}</h4>}</Show>
      <ul class="map-legend-list">
        <For each={props.entries}>
          {(entry) => (
            <li>
              <button
                type="button"
                class="map-legend-entry"
                classList={{ "is-noise": entry.noise === true, "is-off": !props.active && !pressed(entry.value) }}
                aria-pressed={pressed(entry.value)}
                title={`${entry.value}: ${entry.count.toLocaleString()} points (click to ${props.active ? "filter" : pressed(entry.value) ? "hide" : "show"})`}
                data-value={entry.value}
                onClick={() => {
                  props.onToggle(entry.value);
                }}
              >
                <span class="map-legend-swatch" style={{ background: entry.colour }} />
                <span class="map-legend-value">{entry.value}</span>
                <span class="map-legend-count">{entry.count.toLocaleString()}</span>
              </button>
            </li>
          )}
        </For>
      </ul>
    </div>
  );
}
