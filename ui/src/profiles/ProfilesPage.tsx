import { For, Show } from "solid-js";
import { ErrorCard } from "../shared/ErrorCard";
import { regionLabel, sourceLabel } from "./profileForm";
import type { Profiles } from "./store";
import { ConnectionReportView } from "./ConnectionReportView";
import { ProfileEditor } from "./ProfileEditor";

export function ProfilesPage(props: { profiles: Profiles; onClose: () => void }) {
  const profiles = props.profiles;
  return (
    <main class="profiles-page" data-testid="profiles-page">
      <header class="page-head">
        <h2>Profiles</h2>
        <p class="muted">
          Keys you enter are stored only in the OS keyring. Profiles from ~/.aws are resolved by the AWS SDK itself
          (SSO, credential_process, roles).
        </p>
        <button class="primary" data-testid="add-profile" onClick={() => { profiles.select(null); }}>
          Add profile
        </button>
        <button class="ghost" data-testid="close-profiles" onClick={() => { props.onClose(); }}>
          Back to chat
        </button>
      </header>
      <Show when={profiles.list()?.activeProblem}>{(problem) => <ErrorCard error={problem()} testId="active-profile-problem" />}</Show>
      <Show when={(profiles.list()?.problems.length ?? 0) > 0}>
        <div class="problems" data-testid="profile-problems">
          <For each={profiles.list()?.problems ?? []}>
            {(problem) => <ErrorCard error={{ code: "AwsConfigFile", message: `${problem.path}: ${problem.message}`, hint: problem.hint }} testId="profile-problem" />}
          </For>
        </div>
      </Show>
      <div class="profiles-body">
        <ul class="profile-list">
          <For each={profiles.list()?.profiles ?? []}>
            {(profile) => (
              <li>
                <button
                  class="profile-card"
                  classList={{ selected: profiles.selectedId() === profile.id }}
                  data-testid="profile-card"
                  data-id={profile.id}
                  onClick={() => { profiles.select(profile.id); }}
                >
                  <span class="profile-name">
                    {profile.name}
                    <Show when={profile.active}>
                      <span class="pill active-pill">active</span>
                    </Show>
                  </span>
                  <span class="muted" data-testid="profile-card-region">
                    {sourceLabel(profile)} · {regionLabel(profile)}
                  </span>
                  <Show when={profile.endpointUrl}>{(url) => <code class="muted">{url()}</code>}</Show>
                  <Show when={profile.runtimeEndpointUrl}>
                    {(url) => <code class="muted">bedrock-runtime: {url()}</code>}
                  </Show>
                </button>
              </li>
            )}
          </For>
        </ul>
        <div class="profile-detail">
          <ProfileEditor profiles={profiles} />
          <Show when={profiles.report()}>{(report) => <ConnectionReportView report={report()} />}</Show>
        </div>
      </div>
    </main>
  );
}
