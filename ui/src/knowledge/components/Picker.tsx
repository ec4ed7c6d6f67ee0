// The region's knowledge bases, and a box for an ID when listing is denied.
import { createSignal, For, Show } from "solid-js";
import * as api from "../../shared/api";
import { ErrorCard } from "../../shared/ErrorCard";
import type { ClientError, DataSourceInfo, DocumentInfo, KnowledgeBaseDetails } from "../../bindings";
import type { KnowledgeLab } from "../state";

/** A data source's documents (ListKnowledgeBaseDocuments), listed on demand. */
function Documents(props: { knowledgeBaseId: string; source: DataSourceInfo }) {
  const [documents, setDocuments] = createSignal<DocumentInfo[] | null>(null);
  const [error, setError] = createSignal<ClientError | null>(null);
  const load = async () => {
    const listed = await api.listKnowledgeBaseDocuments(props.knowledgeBaseId, props.source.dataSourceId);
    if (listed.ok) {
      setDocuments(listed.value);
      setError(null);
    } else setError(listed.error);
  };
  return (
    <>
      <Show when={documents() === null}>
        <button class="link" data-testid="kb-documents-show" onClick={() => void load()}>
          Documents
        </button>
      </Show>
      <Show when={error()}>{(e) => <ErrorCard error={e()} />}</Show>
      <Show when={documents()}>
        {(docs) => (
          <ul class="kb-documents" data-testid="kb-documents" aria-label={`Documents of ${props.source.name}`}>
            <For each={docs()}>
              {(doc) => (
                <li>
                  <code title={doc.uri}>{doc.uri.split("/").slice(-2).join("/")}</code>
                  <span class="muted">{doc.status}</span>
                </li>
              )}
            </For>
          </ul>
        )}
      </Show>
    </>
  );
}

function Details(props: { details: KnowledgeBaseDetails }) {
  return (
    <div class="kb-base-details" data-testid="kb-details">
      <dl class="kb-meta">
        <dt>Status</dt>
        <dd data-testid="kb-status">{props.details.status}</dd>
        <dt>ID</dt>
        <dd>
          <code>{props.details.knowledgeBaseId}</code>
        </dd>
        <dt>Embeddings</dt>
        <dd>
          {props.details.embeddingModelId ?? "—"}
          {props.details.embeddingDimensions !== null ? ` (${props.details.embeddingDimensions} dims)` : ""}
        </dd>
        <dt>Storage</dt>
        <dd>{props.details.storageType ?? props.details.kind}</dd>
      </dl>
      <Show when={props.details.dataSourcesError}>{(error) => <ErrorCard error={error()} />}</Show>
      <For each={props.details.dataSources}>
        {(source) => (
          <div class="kb-source-info" data-testid="kb-data-source">
            <strong>{source.name}</strong> <span class="pill">{source.status}</span>
            <div class="muted">
              {source.sourceType ?? ""} {source.s3BucketArn ?? ""}
              {source.inclusionPrefixes.length > 0 ? ` · ${source.inclusionPrefixes.join(", ")}` : ""}
            </div>
            <div class="muted" data-testid="kb-chunking">
              {source.chunking?.summary ?? "Default chunking (about 300 tokens per chunk)"}
            </div>
            <Documents knowledgeBaseId={props.details.knowledgeBaseId} source={source} />
          </div>
        )}
      </For>
    </div>
  );
}

export function Picker(props: { lab: KnowledgeLab }) {
  const lab = props.lab;
  return (
    <section class="kb-section" aria-labelledby="kb-picker-title">
      <div class="label-row">
        <h3 id="kb-picker-title">Knowledge base</h3>
        <button class="link" data-testid="kb-refresh" disabled={lab.listing()} onClick={() => void lab.refresh()}>
          {lab.listing() ? "Loading…" : "Refresh"}
        </button>
      </div>
      <Show when={lab.listError()}>{(error) => <ErrorCard error={error()} onRetry={() => void lab.refresh()} />}</Show>
      <Show when={lab.bases()}>
        {(bases) => (
          <>
            <Show when={bases().length === 0}>
              <p class="muted">No knowledge base in this region.</p>
            </Show>
            <ul class="kb-bases" aria-label="Knowledge bases">
              <For each={bases()}>
                {(base) => (
                  <li>
                    <button
                      aria-pressed={lab.knowledgeBaseId() === base.knowledgeBaseId}
                      classList={{ "kb-base": true, on: lab.knowledgeBaseId() === base.knowledgeBaseId }}
                      data-testid="kb-base"
                      data-id={base.knowledgeBaseId}
                      onClick={() => { lab.pick(base); }}
                    >
                      <span class="kb-base-name">{base.name}</span>
                      <span class="pill">{base.status}</span>
                      <Show when={base.description}>
                        <span class="kb-base-desc">{base.description}</span>
                      </Show>
                    </button>
                  </li>
                )}
              </For>
            </ul>
          </>
        )}
      </Show>
      <div class="field">
        <label for="kb-typed-id">Knowledge base ID</label>
        <div class="picker-row">
          <input
            id="kb-typed-id"
            data-testid="kb-typed-id"
            placeholder="e.g. ABCDEFGHIJ"
            value={lab.typedId()}
            onInput={(e) => lab.setTypedId(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter") void lab.openTyped();
            }}
          />
          <button class="secondary" data-testid="kb-open-typed" onClick={() => void lab.openTyped()}>
            Open
          </button>
        </div>
        <span class="muted">For when listing is denied: describe one knowledge base by its ID.</span>
      </div>
      <Show when={lab.describeError()}>{(error) => <ErrorCard error={error()} />}</Show>
      <Show when={lab.selected()}>{(details) => <Details details={details()} />}</Show>
    </section>
  );
}
