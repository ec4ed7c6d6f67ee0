import { createSignal, Match, Show, Switch } from "solid-js";
import { ErrorCard } from "../shared/ErrorCard";
import { createCompareState } from "./compareState";
import { ComparePanel } from "./components/ComparePanel";
import { DatasetPanel } from "./components/DatasetPanel";
import { DetailsPanel } from "./components/DetailsPanel";
import { EmbedPanel } from "./components/EmbedPanel";
import { MapView, type MapHandle } from "./components/MapView";
import { ProjectionPanel } from "./components/ProjectionPanel";
import type { EmbeddingsLab } from "./state";
import "./lab.css";

/** The embeddings lab: embed a dataset, see its map, compare two embeddings of it. */
export function EmbeddingsPage(props: { lab: EmbeddingsLab; onOpenChat: () => void; onMapReady?: (api: MapHandle) => void }) {
  const lab = props.lab;
  const [tab, setTab] = createSignal<"map" | "compare">("map");
  const compare = createCompareState({ runs: lab.runs, onError: lab.setError });
  return (
    <main class="lab" data-testid="embeddings-page">
      <header class="topbar">
        <div class="topbar-title">
          <h2 class="model-name">Embeddings lab</h2>
          <span class="muted">{lab.dataset()?.name ?? "no dataset"}</span>
        </div>
        <div class="segmented" role="tablist" aria-label="Lab view">
          <button role="tab" aria-selected={tab() === "map"} classList={{ on: tab() === "map" }} data-testid="lab-tab-map" onClick={() => setTab("map")}>
            Map
          </button>
          <button
            role="tab"
            aria-selected={tab() === "compare"}
            classList={{ on: tab() === "compare" }}
            data-testid="lab-tab-compare"
            onClick={() => {
              compare.suggest();
              setTab("compare");
            }}
          >
            Compare embeddings
          </button>
        </div>
      </header>
      <div class="lab-body">
        <div class="lab-controls">
          <DatasetPanel lab={lab} />
          <EmbedPanel lab={lab} />
          <ProjectionPanel lab={lab} />
        </div>
        <div class="lab-main">
          <Show when={lab.error()}>
            {(error) => (
              <div class="lab-error">
                <ErrorCard error={error()} />
                <button class="ghost small" onClick={() => lab.setError(null)}>
                  Dismiss
                </button>
              </div>
            )}
          </Show>
          <Show when={lab.map.notice()}>
            {(notice) => (
              <p class="notice" role="status">
                {notice()}
              </p>
            )}
          </Show>
          <Switch>
            <Match when={tab() === "map"}>
              <div class="lab-map-layout">
                <MapView lab={lab} onReady={props.onMapReady} />
                <DetailsPanel lab={lab} onSentToChat={props.onOpenChat} />
              </div>
            </Match>
            <Match when={tab() === "compare"}>
              <ComparePanel lab={lab} compare={compare} />
            </Match>
          </Switch>
        </div>
      </div>
    </main>
  );
}
