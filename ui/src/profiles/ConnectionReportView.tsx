import { For, Show } from "solid-js";
import type { ConnectionReport } from "../bindings";

export function ConnectionReportView(props: { report: ConnectionReport }) {
  return (
    <section class="report" data-testid="connection-report" data-ok={String(props.report.ok)}>
      <h3>{props.report.ok ? "Connection works" : "Connection failed"}</h3>
      <p class="muted">
        {props.report.credentialSource} · {props.report.region}
        <Show when={props.report.accessKey}>{(key) => <> · key {key()}</>}</Show>
        <Show when={props.report.expiresAt}>{(at) => <> · expires {at()}</>}</Show>
      </p>
      <ol class="steps">
        <For each={props.report.steps}>
          {(step) => (
            <li classList={{ ok: step.ok, failed: !step.ok }} data-testid="check-step" data-step={step.name}>
              <span class="step-mark">{step.ok ? "✓" : "✗"}</span>
              <div>
                <strong>{step.name}</strong> <span>{step.detail}</span>
                <Show when={step.error}>{(error) => <p class="error-hint">{error().hint}</p>}</Show>
              </div>
            </li>
          )}
        </For>
      </ol>
    </section>
  );
}
