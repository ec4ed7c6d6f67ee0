import { For, Show } from "solid-js";
import type { WireExchange, WireHeader } from "../bindings";
import { formatDuration } from "../shared/format";
import { FramesTable } from "./FramesTable";
import { pathOf, prettyBody } from "./wire";

function Headers(props: { headers: WireHeader[] }) {
  return (
    <table class="headers">
      <tbody>
        <For each={props.headers}>
          {(header) => (
            <tr>
              <th>{header.name}</th>
              <td>{header.value}</td>
            </tr>
          )}
        </For>
      </tbody>
    </table>
  );
}

export function ExchangeDetail(props: { exchange: WireExchange }) {
  const response = () => props.exchange.response;
  return (
    <div class="wire-detail" data-testid="wire-detail">
      <h3>
        {props.exchange.method} {pathOf(props.exchange.url)}
      </h3>
      <p class="muted">
        {props.exchange.operation ?? "?"} · {props.exchange.region ?? "?"} · attempt {props.exchange.attempt}
        <Show when={props.exchange.timing.totalMs}>{(ms) => <> · {formatDuration(ms())}</>}</Show>
        <Show when={props.exchange.timing.firstByteMs}>{(ms) => <> · first byte {formatDuration(ms())}</>}</Show>
      </p>
      <div class="wire-columns">
        <section>
          <h4>Request headers (as signed, secrets redacted)</h4>
          <Headers headers={props.exchange.requestHeaders} />
          <h4>Request body</h4>
          <pre data-testid="wire-request-body" tabindex="0" role="region" aria-label="Request body">{prettyBody(props.exchange.requestBody?.text ?? "")}</pre>
        </section>
        <section>
          <h4>Response {response()?.status ?? ""}</h4>
          <Show when={response()}>{(r) => <Headers headers={r().headers} />}</Show>
          <Show when={props.exchange.error}>{(error) => <p class="field-error">{error()}</p>}</Show>
          <Show when={response()?.body}>
            {(body) => (
              <pre data-testid="wire-response-body" tabindex="0" role="region" aria-label="Response body">
                {prettyBody(body().text)}
              </pre>
            )}
          </Show>
          <Show when={(response()?.frames.length ?? 0) > 0}>
            <h4>
              Event-stream frames ({response()?.frameCount ?? 0}
              {response()?.framesTruncated ? ", capture limit reached" : ""})
            </h4>
            <FramesTable frames={response()?.frames ?? []} testId="wire-frames" />
          </Show>
        </section>
      </div>
    </div>
  );
}
