import { Show } from "solid-js";
import { errorTitle, isRetryable, type AppError } from "./errors";

/** Every failure as the user sees it: its code's title, the backend's message, what to do. */
export function ErrorCard(props: { error: AppError; onRetry?: () => void; testId?: string }) {
  return (
    <div class="error-card" role="alert" data-testid={props.testId ?? "error-card"} data-code={props.error.code}>
      <div class="error-title" data-testid="error-title">
        {errorTitle(props.error.code)}
      </div>
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
