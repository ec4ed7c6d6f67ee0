import { For, Show } from "solid-js";
import { ErrorCard } from "../../shared/ErrorCard";
import { describeSpec, modelName } from "../logic/spec";
import { formatCost, formatCount, formatDuration } from "../logic/format";
import type { EmbeddingsLab } from "../state";

/** Model and options, the estimate, the run's progress, and the dataset's earlier runs. */
export function EmbedPanel(props: { lab: EmbeddingsLab }) {
  const lab = props.lab;
  const model = () => lab.models().find((m) => m.modelId === lab.spec().modelId) ?? null;
  const share = () => {
    const p = lab.progress();
    return p && p.total > 0 ? p.done / p.total : 0;
  };
  return (
    <section class="lab-section" aria-labelledby="lab-embed-title">
      <h3 id="lab-embed-title">Embed</h3>
      <Show when={lab.modelsError()}>{(error) => <ErrorCard error={error()} />}</Show>
      <label for="lab-model">Model</label>
      <select
        id="lab-model"
        data-testid="lab-model"
        value={lab.spec().modelId}
        disabled={lab.phase() === "running"}
        onChange={(e) => { lab.pickModel(e.currentTarget.value); }}
      >
        <For each={lab.models()}>
          {(m) => (
            <option value={m.modelId} selected={m.modelId === lab.spec().modelId}>
              {modelName(m.modelId)}
            </option>
          )}
        </For>
      </select>
      <div class="lab-grid">
        <Show when={(model()?.dimensions.length ?? 0) > 1}>
          <div class="param">
            <label for="lab-dims">Dimensions</label>
            <select
              id="lab-dims"
              data-testid="lab-dims"
              value={String(lab.spec().dimensions ?? model()?.defaultDimensions ?? "")}
              onChange={(e) => { lab.editSpec({ dimensions: Number(e.currentTarget.value) }); }}
            >
              <For each={model()?.dimensions ?? []}>
                {(d) => (
                  <option value={String(d)} selected={d === (lab.spec().dimensions ?? model()?.defaultDimensions)}>
                    {d}
                  </option>
                )}
              </For>
            </select>
          </div>
        </Show>
        <Show when={model()?.supportsNormalize}>
          <label class="check">
            <input
              type="checkbox"
              checked={lab.spec().normalize ?? true}
              onChange={(e) => { lab.editSpec({ normalize: e.currentTarget.checked }); }}
            />
            Normalize
          </label>
        </Show>
        <Show when={(model()?.inputTypes.length ?? 0) > 0}>
          <div class="param">
            <label for="lab-input-type">Input type</label>
            <select
              id="lab-input-type"
              value={lab.spec().inputType ?? "search_document"}
              onChange={(e) => { lab.editSpec({ inputType: e.currentTarget.value }); }}
            >
              <For each={(model()?.inputTypes ?? []).filter((t) => t !== "search_query")}>{(t) => <option value={t}>{t}</option>}</For>
            </select>
          </div>
        </Show>
      </div>
      <Show when={lab.estimate()}>
        {(estimate) => (
          <p class="muted small-text" data-testid="lab-estimate">
            {formatCount(estimate().texts)} texts · {formatCount(estimate().cached)} cached · ≈{" "}
            {formatCount(estimate().estimatedTokens)} tokens · ≈ {formatCost(estimate().estimatedCostUsd ?? 0)}
          </p>
        )}
      </Show>
      <Show when={lab.phase() === "confirm"}>
        <div class="lab-confirm" role="alertdialog" aria-labelledby="lab-confirm-text">
          <p id="lab-confirm-text">
            This run sends about {formatCount(lab.estimate()?.estimatedTokens ?? 0)} tokens and may cost{" "}
            {formatCost(lab.estimate()?.estimatedCostUsd ?? 0)}. Continue?
          </p>
          <button class="primary small" data-testid="lab-confirm" onClick={() => void lab.startRun()}>
            Embed anyway
          </button>
          <button class="ghost small" onClick={() => lab.cancelConfirm()}>
            Not now
          </button>
        </div>
      </Show>
      <Show
        when={lab.phase() === "running"}
        fallback={
          <button
            class="primary"
            data-testid="lab-embed"
            disabled={lab.datasetId() === null || lab.phase() !== "idle"}
            onClick={() => void lab.prepareRun()}
          >
            {lab.phase() === "estimating" ? "Estimating…" : `Embed ${formatCount(lab.dataset()?.count ?? 0)} texts`}
          </button>
        }
      >
        <div class="lab-progress" data-testid="lab-progress">
          <progress max={1} value={share()} aria-label="Embedding progress" />
          <Show when={lab.progress()} fallback={<p class="muted small-text">Starting…</p>}>
            {(p) => (
              <p class="muted small-text" aria-live="polite">
                {formatCount(p().done)} / {formatCount(p().total)} · {(p().textsPerSecond ?? 0).toFixed(0)} texts/s · ETA{" "}
                {formatDuration(p().etaSeconds)} · {formatCount(p().tokens)} tokens · {formatCost(p().estimatedCostUsd ?? 0)}
                <Show when={p().throttles > 0}>
                  {" "}
                  · throttled {p().throttles}×, concurrency {p().concurrency}
                </Show>
              </p>
            )}
          </Show>
          <button class="danger small" data-testid="lab-cancel" onClick={() => void lab.cancelRun()}>
            Cancel
          </button>
        </div>
      </Show>
      <Show when={lab.runs().length > 0}>
        <ul class="lab-runs" aria-label="Runs of this dataset">
          <For each={lab.runs()}>
            {(run) => (
              <li>
                <button
                  class="lab-run"
                  classList={{ on: lab.runId() === run.id }}
                  aria-pressed={lab.runId() === run.id}
                  data-testid="lab-run"
                  data-status={run.status}
                  onClick={() => void lab.selectRun(run.id)}
                >
                  <span>{describeSpec(run.spec, lab.models())}</span>
                  <span class="muted">
                    {run.status} · {formatCount(run.done)}/{formatCount(run.total)}
                  </span>
                </button>
                <Show when={["cancelled", "interrupted", "failed"].includes(run.status) && lab.phase() === "idle"}>
                  <button class="secondary small" data-testid="lab-resume" onClick={() => void lab.follow(run.id)}>
                    Resume
                  </button>
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}
