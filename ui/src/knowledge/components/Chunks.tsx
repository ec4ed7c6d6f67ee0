// A retrieved chunk (score, source, metadata, content, copy) and the source-details panel.
import { createSignal, For, Show } from "solid-js";
import type { RetrievedChunk } from "../../bindings";
import { copyText } from "../../shared/clipboard";

export function metadataEntries(metadataJson: string): [string, string][] {
  try {
    const parsed = JSON.parse(metadataJson) as Record<string, unknown>;
    return Object.entries(parsed).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]);
  } catch {
    return [];
  }
}

export function CopyButton(props: { text: string; label?: string }) {
  const [copied, setCopied] = createSignal(false);
  return (
    <button
      class="ghost small"
      data-testid="kb-copy"
      aria-label={props.label ?? "Copy the chunk's text"}
      onClick={() => {
        void copyText(props.text).then((done) => {
          setCopied(done);
          setTimeout(() => setCopied(false), 1200);
        });
      }}
    >
      {copied() ? "Copied" : "Copy"}
    </button>
  );
}

export function ChunkCard(props: { chunk: RetrievedChunk; onOpen?: (chunk: RetrievedChunk) => void }) {
  const [expanded, setExpanded] = createSignal(false);
  return (
    <li class="kb-chunk" data-testid="kb-chunk" data-uri={props.chunk.location.uri ?? ""}>
      <div class="kb-chunk-head">
        <span class="kb-rank">#{props.chunk.rank}</span>
        <Show when={props.chunk.score !== null}>
          <span class="kb-score" data-testid="kb-score" title="Relevance reported by the store or the reranker; higher is better">
            {props.chunk.score?.toFixed(4)}
          </span>
        </Show>
        <span class="kb-source" title={props.chunk.location.uri ?? ""}>
          <span class="pill">{props.chunk.location.kind}</span> {props.chunk.location.uri ?? "(no location)"}
        </span>
        <CopyButton text={props.chunk.text} />
        <Show when={props.onOpen}>
          <button class="ghost small" onClick={() => props.onOpen?.(props.chunk)}>
            Details
          </button>
        </Show>
      </div>
      <p class="kb-chunk-text" classList={{ clamped: !expanded() }} data-testid="kb-chunk-text">
        {props.chunk.text}
      </p>
      <div class="kb-chunk-foot">
        <button class="link" aria-expanded={expanded()} onClick={() => setExpanded(!expanded())}>
          {expanded() ? "Show less" : "Show all"}
        </button>
        <dl class="kb-meta" data-testid="kb-metadata">
          <For each={metadataEntries(props.chunk.metadataJson).filter(([k]) => !k.startsWith("x-amz-bedrock-kb-"))}>
            {([key, value]) => (
              <>
                <dt>{key}</dt>
                <dd>{value}</dd>
              </>
            )}
          </For>
        </dl>
      </div>
    </li>
  );
}

/** The source details of one chunk: location, every metadata entry, the whole text. */
export function SourceDetails(props: { chunk: RetrievedChunk; onClose: () => void }) {
  return (
    <aside class="kb-details" data-testid="kb-source-details" aria-label="Source details">
      <div class="label-row">
        <h3>Source details</h3>
        <button class="ghost small" data-testid="kb-details-close" onClick={() => { props.onClose(); }}>
          Close
        </button>
      </div>
      <p class="kb-details-uri">
        <span class="pill">{props.chunk.location.kind}</span> <code>{props.chunk.location.uri ?? "(no location)"}</code>
      </p>
      <Show when={props.chunk.chunkId}>
        <p class="muted">Chunk {props.chunk.chunkId}</p>
      </Show>
      <dl class="kb-meta">
        <For each={metadataEntries(props.chunk.metadataJson)}>
          {([key, value]) => (
            <>
              <dt>{key}</dt>
              <dd>{value}</dd>
            </>
          )}
        </For>
      </dl>
      <p class="kb-details-text">{props.chunk.text}</p>
      <CopyButton text={props.chunk.text} />
    </aside>
  );
}
