// The query configuration: results, search type, metadata filter, reranking, the generation
// prompt template (linted, previewable), inference parameters, guardrail, query decomposition.
import { For, Index, Show } from "solid-js";
import type { SearchKind } from "../../bindings";
import { emptyCondition, OPERATOR_LABELS, OPERATORS, type Condition, type FilterForm, type Join, type Operator } from "../logic/filter";
import { templatePieces } from "../logic/lint";
import { ErrorCard } from "../../shared/ErrorCard";
import type { KnowledgeLab } from "../state";

function JoinToggle(props: { value: Join; onChange: (join: Join) => void; label: string; testId: string }) {
  return (
    <div class="segmented kb-join" role="group" aria-label={props.label}>
      <button aria-pressed={props.value === "andAll"} classList={{ on: props.value === "andAll" }} data-testid={`${props.testId}-and`} onClick={() => { props.onChange("andAll"); }}>
        and
      </button>
      <button aria-pressed={props.value === "orAll"} classList={{ on: props.value === "orAll" }} data-testid={`${props.testId}-or`} onClick={() => { props.onChange("orAll"); }}>
        or
      </button>
    </div>
  );
}

function FilterBuilder(props: { lab: KnowledgeLab }) {
  const lab = props.lab;
  const form = () => lab.filterForm();
  const update = (change: (form: FilterForm) => FilterForm) => { lab.setFilterForm(change(structuredClone(form()))); };
  const setCondition = (g: number, c: number, patch: Partial<Condition>) => { update((f) => {
      const condition = f.groups[g]?.conditions[c];
      if (condition) Object.assign(condition, patch);
      return f;
    }); };
  return (
    <div class="kb-filter-builder" data-testid="kb-filter-builder">
      <datalist id="kb-metadata-keys">
        <For each={lab.suggestedKeys()}>{(key) => <option value={key} />}</For>
      </datalist>
      <Show when={form().groups.length > 1}>
        <div class="kb-row">
          <span class="muted">Groups joined by</span>
          <JoinToggle value={form().join} label="Join the groups with" testId="kb-groups-join" onChange={(join) => { update((f) => ({ ...f, join })); }} />
        </div>
      </Show>
      <Index each={form().groups}>
        {(group, g) => (
          <fieldset class="kb-group" data-testid="kb-filter-group">
            <legend>Group {g + 1}</legend>
            <Show when={group().conditions.length > 1}>
              <JoinToggle
                value={group().join}
                label={`Join the conditions of group ${g + 1} with`}
                testId={`kb-group-${g}-join`}
                onChange={(join) => { update((f) => {
                    const target = f.groups[g];
                    if (target) target.join = join;
                    return f;
                  }); }
                }
              />
            </Show>
            <Index each={group().conditions}>
              {(condition, c) => (
                <div class="kb-condition" data-testid="kb-condition">
                  <input
                    aria-label={`Group ${g + 1} condition ${c + 1} key`}
                    data-testid="kb-filter-key"
                    list="kb-metadata-keys"
                    placeholder="key"
                    value={condition().key}
                    onInput={(e) => { setCondition(g, c, { key: e.currentTarget.value }); }}
                  />
                  <select
                    aria-label={`Group ${g + 1} condition ${c + 1} operator`}
                    data-testid="kb-filter-operator"
                    value={condition().operator}
                    onChange={(e) => { setCondition(g, c, { operator: e.currentTarget.value as Operator }); }}
                  >
                    <For each={OPERATORS}>{(op) => <option value={op}>{`${OPERATOR_LABELS[op]} (${op})`}</option>}</For>
                  </select>
                  <input
                    aria-label={`Group ${g + 1} condition ${c + 1} value`}
                    data-testid="kb-filter-value"
                    placeholder={condition().operator === "in" || condition().operator === "notIn" ? "a, b, c" : "value"}
                    value={condition().value}
                    onInput={(e) => { setCondition(g, c, { value: e.currentTarget.value }); }}
                  />
                  <button
                    class="ghost small"
                    aria-label={`Remove condition ${c + 1} of group ${g + 1}`}
                    onClick={() => { update((f) => {
                        f.groups[g]?.conditions.splice(c, 1);
                        if (f.groups[g]?.conditions.length === 0) f.groups.splice(g, 1);
                        if (f.groups.length === 0) f.groups.push({ join: "andAll", conditions: [emptyCondition()] });
                        return f;
                      }); }
                    }
                  >
                    ✕
                  </button>
                </div>
              )}
            </Index>
            <button
              class="link"
              data-testid="kb-add-condition"
              onClick={() => { update((f) => {
                  f.groups[g]?.conditions.push(emptyCondition());
                  return f;
                }); }
              }
            >
              + Condition
            </button>
          </fieldset>
        )}
      </Index>
      <button
        class="link"
        data-testid="kb-add-group"
        onClick={() => { update((f) => ({ ...f, groups: [...f.groups, { join: "andAll", conditions: [emptyCondition()] }] })); }}
      >
        + Group
      </button>
    </div>
  );
}

function NumberField(props: { id: string; label: string; value: string; onInput: (v: string) => void; placeholder?: string; min?: number; max?: number; step?: string }) {
  return (
    <div class="param">
      <label for={props.id}>{props.label}</label>
      <input
        id={props.id}
        data-testid={props.id}
        type="number"
        min={props.min}
        max={props.max}
        step={props.step}
        placeholder={props.placeholder}
        value={props.value}
        onInput={(e) => { props.onInput(e.currentTarget.value); }}
      />
    </div>
  );
}

export function Settings(props: { lab: KnowledgeLab }) {
  const lab = props.lab;
  const searchTypes: { value: SearchKind; label: string }[] = [
    { value: "default", label: "Default" },
    { value: "hybrid", label: "Hybrid" },
    { value: "semantic", label: "Semantic" },
  ];
  return (
    <section class="kb-section kb-settings" aria-labelledby="kb-settings-title">
      <h3 id="kb-settings-title">Settings</h3>
      <div class="kb-first">
        <NumberField id="kb-number-of-results" label="Number of results" value={lab.numberOfResults()} onInput={lab.setNumberOfResults} min={1} max={100} placeholder="5" />
        <div class="param">
          <span class="kb-label" id="kb-search-type-label">Search type</span>
          <div class="segmented" role="group" aria-labelledby="kb-search-type-label">
            <For each={searchTypes}>
              {(type) => (
                <button
                  class="small"
                  aria-pressed={lab.searchType() === type.value}
                  classList={{ on: lab.searchType() === type.value }}
                  data-testid={`kb-search-${type.value}`}
                  onClick={() => lab.setSearchType(type.value)}
                >
                  {type.label}
                </button>
              )}
            </For>
          </div>
        </div>
      </div>

      <details class="kb-sub" open>
        <summary>Metadata filter</summary>
        <div class="kb-row">
          <div class="segmented" role="group" aria-label="Filter editor">
            <button class="small" aria-pressed={lab.filterMode() === "builder"} classList={{ on: lab.filterMode() === "builder" }} data-testid="kb-filter-mode-builder" onClick={() => { lab.switchFilterMode("builder"); }}>
              Builder
            </button>
            <button class="small" aria-pressed={lab.filterMode() === "json"} classList={{ on: lab.filterMode() === "json" }} data-testid="kb-filter-mode-json" onClick={() => { lab.switchFilterMode("json"); }}>
              JSON
            </button>
          </div>
          <button class="link" data-testid="kb-filter-clear" onClick={() => { lab.switchFilterMode("builder"); lab.setFilterForm({ join: "andAll", groups: [{ join: "andAll", conditions: [emptyCondition()] }] }); }}>
            Clear
          </button>
        </div>
        <Show
          when={lab.filterMode() === "json"}
          fallback={<FilterBuilder lab={lab} />}
        >
          <label class="visually-hidden" for="kb-filter-json">Filter JSON</label>
          <textarea
            id="kb-filter-json"
            data-testid="kb-filter-json"
            class="kb-mono"
            classList={{ invalid: lab.filterProblem() !== null }}
            rows={7}
            placeholder='{"equals": {"key": "category", "value": "faq"}}'
            value={lab.filterText()}
            onInput={(e) => {
              lab.setFilterText(e.currentTarget.value);
              lab.setFilterProblem(null);
            }}
          />
        </Show>
        <Show when={lab.filterMode() === "builder" && lab.filterText() !== ""}>
          <pre class="kb-filter-preview" data-testid="kb-filter-preview">{lab.filterText()}</pre>
        </Show>
        <Show when={lab.filterProblem()}>
          {(problem) => (
            <div class="inline-error" role="alert" data-testid="kb-filter-problem">
              <strong>{problem()}</strong>
            </div>
          )}
        </Show>
        <Show when={lab.suggestedKeys().length === 0}>
          <span class="muted">Keys are suggested from the metadata of chunks seen so far.</span>
        </Show>
      </details>

      <details class="kb-sub">
        <summary>Reranking</summary>
        <div class="kb-grid">
          <div class="param">
            <label for="kb-rerank-model">Reranking model</label>
            <select id="kb-rerank-model" data-testid="kb-rerank-model" value={lab.rerankModel()} onChange={(e) => lab.setRerankModel(e.currentTarget.value)}>
              <option value="">None</option>
              <For each={lab.rerankModels()}>{(m) => <option value={m.modelId}>{`${m.provider} ${m.name}`}</option>}</For>
            </select>
          </div>
          <NumberField id="kb-rerank-count" label="Results reranked" value={lab.rerankCount()} onInput={lab.setRerankCount} min={1} max={100} placeholder="all" />
        </div>
      </details>

      <details class="kb-sub" data-testid="kb-template-section">
        <summary>Prompt template</summary>
        <label class="check">
          <input type="checkbox" data-testid="kb-custom-template" checked={lab.customTemplate()} onChange={(e) => { lab.setCustomTemplate(e.currentTarget.checked); void lab.lintTemplate(lab.template()); }} />
          Use my own generation prompt
        </label>
        <Show when={lab.customTemplate()}>
          <label class="visually-hidden" for="kb-template">Generation prompt template</label>
          <textarea
            id="kb-template"
            data-testid="kb-template"
            class="kb-mono"
            rows={8}
            value={lab.template()}
            onInput={(e) => void lab.lintTemplate(e.currentTarget.value)}
          />
          <div class="kb-placeholders" aria-label="Placeholders in the template">
            <For each={templatePieces(lab.template()).filter((p) => p.placeholder !== null)}>
              {(piece) => <code classList={{ "kb-ph": true, unknown: piece.placeholder === "unknown" }}>{piece.text}</code>}
            </For>
          </div>
          <For each={lab.lintState().errors}>
            {(lint) => (
              <div class="inline-error" role="alert" data-testid="kb-lint-error">
                <strong>{lint.message}</strong>
              </div>
            )}
          </For>
          <For each={lab.lintState().warnings}>
            {(lint) => (
              <div class="inline-error warning" data-testid="kb-lint-warning">
                <strong>{lint.message}</strong>
              </div>
            )}
          </For>
          <div class="kb-row">
            <button class="secondary small" data-testid="kb-preview-prompt" onClick={() => void lab.showPreview()}>
              Preview the prompt
            </button>
            <Show when={lab.preview() !== null}>
              <button class="ghost small" onClick={() => lab.setPreview(null)}>
                Hide preview
              </button>
            </Show>
          </div>
          <Show when={lab.previewError()}>{(error) => <ErrorCard error={error()} testId="kb-preview-error" />}</Show>
          <Show when={lab.preview()}>{(text) => <pre class="kb-preview" data-testid="kb-prompt-preview">{text()}</pre>}</Show>
        </Show>
      </details>

      <details class="kb-sub">
        <summary>Inference parameters</summary>
        <div class="kb-grid">
          <NumberField id="kb-max-tokens" label="Max tokens" value={lab.maxTokens()} onInput={lab.setMaxTokens} min={0} placeholder="model default" />
          <NumberField id="kb-temperature" label="Temperature" value={lab.temperature()} onInput={lab.setTemperature} min={0} max={1} step="0.1" placeholder="default" />
          <NumberField id="kb-top-p" label="Top P" value={lab.topP()} onInput={lab.setTopP} min={0} max={1} step="0.05" placeholder="default" />
          <div class="param">
            <label for="kb-stop">Stop sequences (one a line, up to 4)</label>
            <textarea id="kb-stop" data-testid="kb-stop" rows={2} value={lab.stopSequences()} onInput={(e) => lab.setStopSequences(e.currentTarget.value)} />
          </div>
        </div>
      </details>

      <details class="kb-sub">
        <summary>Guardrail and orchestration</summary>
        <div class="kb-grid">
          <div class="param">
            <label for="kb-guardrail-id">Guardrail ID</label>
            <input id="kb-guardrail-id" data-testid="kb-guardrail-id" value={lab.guardrailId()} onInput={(e) => lab.setGuardrailId(e.currentTarget.value)} />
          </div>
          <div class="param">
            <label for="kb-guardrail-version">Guardrail version</label>
            <input id="kb-guardrail-version" data-testid="kb-guardrail-version" placeholder="DRAFT" value={lab.guardrailVersion()} onInput={(e) => lab.setGuardrailVersion(e.currentTarget.value)} />
          </div>
        </div>
        <label class="check">
          <input type="checkbox" data-testid="kb-decomposition" checked={lab.queryDecomposition()} onChange={(e) => lab.setQueryDecomposition(e.currentTarget.checked)} />
          Query decomposition (split complex questions into sub-queries)
        </label>
      </details>
    </section>
  );
}
