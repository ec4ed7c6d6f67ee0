import { Show } from "solid-js";
import type { Catalogue } from "../models";
import type { Chat } from "./store";

/** Which backend answers; emulated answers are labelled as such, always. When the active
 * profile cannot be used, it says so and offers another, rather than a quiet "Connecting…". */
export function TopBar(props: { chat: Chat; catalogue: Pick<Catalogue, "backend" | "backendError">; onChooseProfile?: () => void }) {
  const backend = () => props.catalogue.backend();
  return (
    <header class="topbar">
      <div class="topbar-title">
        <span class="model-name" data-testid="current-model">
          {props.chat.selectedModel()?.name ?? "No model"}
        </span>
        <Show when={props.chat.selectedModel()?.inferenceProfile}>
          {(profile) => <span class="pill" title="Called through this inference profile">{profile()}</span>}
        </Show>
      </div>
      <Show
        when={backend()}
        fallback={
          <Show when={props.catalogue.backendError()} fallback={<span class="badge badge-pending">Connecting…</span>}>
            {(error) => (
              <div class="topbar-problem" data-testid="backend-problem" data-code={error().code} title={error().hint}>
                <span class="badge badge-error" data-testid="backend-badge">
                  Profile unavailable
                </span>
                <span class="topbar-problem-text">{error().message}</span>
                <Show when={props.onChooseProfile}>
                  {(choose) => (
                    <button class="link" data-testid="choose-profile" onClick={() => { choose()(); }}>
                      Choose profile
                    </button>
                  )}
                </Show>
              </div>
            )}
          </Show>
        }
      >
        {(info) => (
          <Show
            when={info().kind === "emulator"}
            fallback={
              <span
                class="badge badge-aws"
                data-testid="backend-badge"
                title={[
                  info().credentials,
                  `region ${info().region} (${info().regionSource})`,
                  ...info().endpoints,
                ].join(" · ")}
              >
                {info().endpoint ? "Custom endpoint" : "AWS"} · {info().profileName} · {info().region}{" "}
                <span class="badge-detail" data-testid="region-source">
                  ({info().regionSource})
                </span>
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
        props.chat.newChat();
      }} data-testid="new-chat">
        New chat
      </button>
    </header>
  );
}
