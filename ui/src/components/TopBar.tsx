import { Show } from "solid-js";
import type { Session } from "../state/session";

/** Which backend answers; emulated answers are labelled as such, always. */
export function TopBar(props: { session: Session }) {
  const backend = () => props.session.backend();
  return (
    <header class="topbar">
      <div class="topbar-title">
        <span class="model-name" data-testid="current-model">
          {props.session.selectedModel()?.name ?? "No model"}
        </span>
        <Show when={props.session.selectedModel()?.inferenceProfile}>
          {(profile) => <span class="pill" title="Called through this inference profile">{profile()}</span>}
        </Show>
      </div>
      <Show when={backend()} fallback={<span class="badge badge-pending">Connecting…</span>}>
        {(info) => (
          <Show
            when={info().kind === "emulator"}
            fallback={
              <span
                class="badge badge-aws"
                data-testid="backend-badge"
                title={`${info().credentials}${info().endpoint ? ` · endpoint ${info().endpoint ?? ""}` : ""}`}
              >
                {info().endpoint ? "Custom endpoint" : "AWS"} · {info().profileName} · {info().region}
              </span>
            }
          >
            <span
              class="badge badge-emulated"
              data-testid="backend-badge"
              title={`Local Bedrock emulator at ${info().endpoint ?? "?"}. No AWS credentials were found; answers are synthetic.`}
            >
              Emulated · answers are synthetic
            </span>
          </Show>
        )}
      </Show>
      <button class="ghost" onClick={() => {
        props.session.newChat();
      }} data-testid="new-chat">
        New chat
      </button>
    </header>
  );
}
