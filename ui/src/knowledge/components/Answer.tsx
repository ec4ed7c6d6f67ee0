// A streamed, cited answer: each cited span marked, footnotes that show their chunks on
// hover and open the source details on click.
import { createSignal, For, Show } from "solid-js";
import type { CitationInfo, RetrievedChunk } from "../../bindings";
import { ErrorCard } from "../../shared/ErrorCard";
import { markCitations, unplacedCitations } from "../logic/citations";
import type { Turn } from "../state";

function Footnote(props: { n: number; citation: CitationInfo | undefined; onOpen: (chunk: RetrievedChunk) => void }) {
  const [open, setOpen] = createSignal(false);
  const references = () => props.citation?.references ?? [];
  return (
    <span class="kb-footnote-wrap" onMouseEnter={() => setOpen(true)} onMouseLeave={() => setOpen(false)}>
      <button
        class="kb-footnote"
        data-testid="kb-footnote"
        aria-label={`Citation ${props.n}: ${references().length} source chunk(s)`}
        aria-expanded={open()}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onClick={() => {
          const first = references()[0];
          if (first) props.onOpen(first);
        }}
      >
        {props.n}
      </button>
      <Show when={open() && references().length > 0}>
        <span class="kb-popover" role="tooltip" data-testid="kb-footnote-popover">
          <For each={references()}>
            {(chunk) => (
              <span class="kb-popover-chunk">
                <span class="kb-popover-uri">{chunk.location.uri ?? chunk.location.kind}</span>
                <span class="kb-popover-text">{chunk.text.length > 280 ? `${chunk.text.slice(0, 280)}…` : chunk.text}</span>
              </span>
            )}
          </For>
        </span>
      </Show>
    </span>
  );
}

export function AnswerText(props: { turn: Turn; onOpen: (chunk: RetrievedChunk) => void }) {
  const segments = () => markCitations(props.turn.answer, props.turn.citations);
  const unplaced = () => (props.turn.status === "streaming" ? [] : unplacedCitations(props.turn.answer, props.turn.citations));
  return (
    <div class="kb-answer" data-testid="kb-answer" data-status={props.turn.status} aria-live="polite" aria-busy={props.turn.status === "streaming"}>
      <p class="kb-answer-text" data-testid="kb-answer-text">
        <For each={segments()}>
          {(segment) => (
            <>
              <Show when={segment.cited} fallback={<span>{segment.text}</span>}>
                <mark class="kb-cited">{segment.text}</mark>
              </Show>
              <For each={segment.footnotes}>
                {(n) => <Footnote n={n} citation={props.turn.citations[n - 1]} onOpen={props.onOpen} />}
              </For>
            </>
          )}
        </For>
        <Show when={props.turn.status === "streaming"}>
          <span class="kb-caret" aria-hidden="true">▍</span>
        </Show>
      </p>
      <Show when={unplaced().length > 0}>
        <p class="muted">
          Sources without a span:{" "}
          <For each={unplaced()}>{(n) => <Footnote n={n} citation={props.turn.citations[n - 1]} onOpen={props.onOpen} />}</For>
        </p>
      </Show>
      <Show when={props.turn.status !== "streaming" && props.turn.citations.length === 0 && props.turn.answer !== ""}>
        <p class="muted" data-testid="kb-no-citations">No citations came back with this answer.</p>
      </Show>
      <Show when={props.turn.guardrail === "INTERVENED"}>
        <p class="inline-error warning" data-testid="kb-guardrail">The guardrail intervened.</p>
      </Show>
      <Show when={props.turn.status === "stopped"}>
        <p class="muted" data-testid="kb-stopped">Stopped.</p>
      </Show>
      <Show when={props.turn.error}>{(error) => <ErrorCard error={error()} />}</Show>
    </div>
  );
}
