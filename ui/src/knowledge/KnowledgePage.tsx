// The knowledge-bases lab: pick a knowledge base, retrieve or generate cited answers in a
// session, and trace the ranking under different settings.
import { For, Show } from "solid-js";
import { ErrorCard } from "../shared/ErrorCard";
import { groupModels, type Catalogue } from "../models";
import { AnswerText } from "./components/Answer";
import { ChunkCard, SourceDetails } from "./components/Chunks";
import { Picker } from "./components/Picker";
import { Settings } from "./components/Settings";
import { KnowledgeSnippet } from "./components/Snippet";
import { Trace } from "./components/Trace";
import { ChunkMapView } from "./map/ChunkMap";
import type { KnowledgeLab, Mode } from "./state";
import "./knowledge.css";

const modes: { mode: Mode; label: string }[] = [
  { mode: "retrieve", label: "Retrieve only" },
  { mode: "generate", label: "Retrieve and generate" },
  { mode: "trace", label: "Retrieval trace" },
  { mode: "map", label: "On the map" },
];

type CatalogueForKnowledge = Pick<Catalogue, "models" | "favourites">;

function ModelSelect(props: { lab: KnowledgeLab; catalogue: CatalogueForKnowledge }) {
  const groups = () => groupModels(props.catalogue.models(), "", props.catalogue.favourites());
  return (
    <div class="kb-model">
      <label for="kb-model">Generation model</label>
      <select
        id="kb-model"
        data-testid="kb-model"
        value={props.lab.modelId()}
        onChange={(e) => props.lab.setModelId(e.currentTarget.value)}
        disabled={props.catalogue.models().length === 0}
      >
        <For each={groups()}>
          {(group) => (
            <optgroup label={group.label}>
              <For each={group.models}>
                {(model) => (
                  <option value={model.invokeId} selected={model.invokeId === props.lab.modelId()}>
                    {model.name}
                  </option>
                )}
              </For>
            </optgroup>
          )}
        </For>
      </select>
      <button class="link" data-testid="kb-model-arn" onClick={() => void props.lab.resolveArn()} title="Show the model ARN the call uses">
        ARN
      </button>
      <Show when={props.lab.arnError()}>{(error) => <ErrorCard error={error()} testId="kb-model-arn-error" />}</Show>
      <Show when={props.lab.modelArn()}>
        {(arn) => (
          <code class="kb-arn" data-testid="kb-model-arn-value">
            {arn()}
          </code>
        )}
      </Show>
    </div>
  );
}

export function KnowledgePage(props: { lab: KnowledgeLab; catalogue: CatalogueForKnowledge }) {
  const lab = props.lab;
  const submit = () => {
    if (lab.mode() === "generate") void lab.generate();
    else if (lab.mode() === "retrieve") void lab.retrieve();
    else if (lab.mode() === "map") void lab.showMap();
    else void lab.compare();
  };
  return (
    <main class="kb" data-testid="knowledge-page">
      <header class="topbar">
        <div class="topbar-title">
          <h2 class="model-name">Knowledge bases</h2>
          <span class="muted" data-testid="kb-selected-name">
            {lab.selected()?.name ?? "no knowledge base"}
          </span>
        </div>
        <div class="segmented" role="group" aria-label="Lab mode">
          <For each={modes}>
            {(item) => (
              <button
                aria-pressed={lab.mode() === item.mode}
                classList={{ on: lab.mode() === item.mode }}
                data-testid={`kb-mode-${item.mode}`}
                onClick={() => { lab.setMode(item.mode); }}
              >
                {item.label}
              </button>
            )}
          </For>
        </div>
      </header>
      <div class="kb-body">
        <div class="kb-controls">
          <Picker lab={lab} />
          <Settings lab={lab} />
        </div>
        <div class="kb-main">
          <Show when={lab.error()}>
            {(error) => (
              <div class="kb-error">
                <ErrorCard error={error()} />
                <button class="ghost small" data-testid="kb-dismiss-error" onClick={() => lab.setError(null)}>
                  Dismiss
                </button>
              </div>
            )}
          </Show>
          <Show when={lab.mode() === "generate"}>
            <div class="kb-session" data-testid="kb-session">
              <span class="muted">Session</span>
              <code data-testid="kb-session-id">{lab.sessionId() ?? "new (the service makes one)"}</code>
              <button class="secondary small" data-testid="kb-new-session" disabled={lab.streaming()} onClick={() => { lab.newSession(); }}>
                New session
              </button>
              <ModelSelect lab={lab} catalogue={props.catalogue} />
            </div>
          </Show>
          <Show when={lab.mode() === "retrieve" || lab.mode() === "generate"}>
            <KnowledgeSnippet lab={lab} />
          </Show>
          <div class="kb-content">
            <Show when={lab.mode() === "retrieve"}>
              <Show
                when={lab.results()}
                fallback={<p class="lab-empty kb-empty">Type a query and press Retrieve to see the ranked chunks.</p>}
              >
                {(results) => (
                  <>
                    <p class="muted" data-testid="kb-result-count">
                      {results().chunks.length} chunk(s){results().guardrailAction ? ` · guardrail ${results().guardrailAction}` : ""}
                    </p>
                    <ol class="kb-chunks" data-testid="kb-results">
                      <For each={results().chunks}>{(chunk) => <ChunkCard chunk={chunk} onOpen={lab.setOpenChunk} />}</For>
                    </ol>
                  </>
                )}
              </Show>
            </Show>
            <Show when={lab.mode() === "generate"}>
              <Show when={lab.turns().length > 0} fallback={<p class="lab-empty kb-empty">Ask a question: the answer cites the chunks it uses.</p>}>
                <ol class="kb-turns" data-testid="kb-turns">
                  <For each={lab.turns()}>
                    {(turn) => (
                      <li class="kb-turn" data-testid="kb-turn">
                        <div class="kb-question">
                          <span class="who">You</span>
                          <p>{turn.question}</p>
                        </div>
                        <div class="kb-reply">
                          <span class="who">Knowledge base</span>
                          <AnswerText turn={turn} onOpen={lab.setOpenChunk} />
                        </div>
                      </li>
                    )}
                  </For>
                </ol>
              </Show>
            </Show>
            <Show when={lab.mode() === "trace"}>
              <Trace lab={lab} />
            </Show>
            <Show when={lab.mode() === "map"}>
              <ChunkMapView lab={lab} />
            </Show>
          </div>
          <div class="kb-composer">
            <Show when={lab.mode() === "generate" && lab.lintState().summary}>
              {(summary) => (
                <p classList={{ "inline-error": true, warning: !lab.lintState().blocking }} data-testid="kb-lint-summary">
                  {summary()}
                </p>
              )}
            </Show>
            <div class="kb-composer-row">
              <label class="visually-hidden" for="kb-query">
                {lab.mode() === "generate" ? "Question" : "Query"}
              </label>
              <textarea
                id="kb-query"
                data-testid="kb-query"
                rows={2}
                placeholder={lab.mode() === "generate" ? (lab.sessionId() ? "Ask a follow-up…" : "Ask the knowledge base…") : "What to look for…"}
                value={lab.query()}
                onInput={(e) => lab.setQuery(e.currentTarget.value)}
                onKeyDown={(e) => {
                  if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
                    e.preventDefault();
                    submit();
                  }
                }}
              />
              <Show when={lab.mode() === "generate" && lab.streaming()}>
                <button class="danger" data-testid="kb-stop" onClick={() => void lab.stop()}>
                  Stop
                </button>
              </Show>
              <Show when={lab.mode() === "generate" && !lab.streaming()}>
                <button class="primary" data-testid="kb-generate" disabled={lab.lintState().blocking} onClick={() => void lab.generate()}>
                  Generate
                </button>
              </Show>
              <Show when={lab.mode() === "map"}>
                <button class="primary kb-map-place" data-testid="kb-map-place" disabled={lab.mapping()} onClick={() => void lab.showMap()}>
                  {lab.mapping() ? "Mapping…" : "Place query"}
                </button>
              </Show>
              <Show when={lab.mode() === "retrieve"}>
                <button class="primary" data-testid="kb-retrieve" disabled={lab.retrieving()} onClick={() => void lab.retrieve()}>
                  {lab.retrieving() ? "Retrieving…" : "Retrieve"}
                </button>
              </Show>
            </div>
          </div>
        </div>
        <Show when={lab.openChunk()}>{(chunk) => <SourceDetails chunk={chunk()} onClose={() => lab.setOpenChunk(null)} />}</Show>
      </div>
    </main>
  );
}
