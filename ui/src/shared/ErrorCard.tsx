import { Show } from "solid-js";
import type { ClientError } from "../bindings";
import { errorTitle, isRetryable } from "./errors";

export function ErrorCard(props: { error: ClientError; onRetry?: () => void }) {
  return (
    <div class="error-card" role="alert" data-testid="error-card" data-code={props.error.code}>
      <div class="error-title">{errorTitle(props.error.code)}</div>
      <p class="error-message" data-testid="error-message">
        {props.error.message}
      </p>
      <p class="error-hint" data-testid="error-hint">
        {props.error.hint}
      </p>
      <Show when={props.onRetry && isRetryable(props.error.code)}>
        <button class="secondary" data-testid="retry" onClick={() => props.onRetry?.()}>
          Send again
        </button>
      </Show>
    </div>
  );
}
