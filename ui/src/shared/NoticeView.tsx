import { Match, Switch } from "solid-js";
import { ErrorCard } from "./ErrorCard";
import type { AppError } from "./errors";

/** A notice under a composer: a sentence, or a failure as an ErrorCard. */
export function NoticeView(props: { notice: string | AppError }) {
  const error = () => (typeof props.notice === "string" ? null : props.notice);
  return (
    <Switch>
      <Match when={error()}>{(failure) => <ErrorCard error={failure()} testId="notice" />}</Match>
      <Match when={typeof props.notice === "string"}>
        <p class="notice" data-testid="notice" role="status">
          {props.notice as string}
        </p>
      </Match>
    </Switch>
  );
}
