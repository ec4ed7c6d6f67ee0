import { For, Show } from "solid-js";
import { ErrorCard } from "../shared/ErrorCard";
import { REGIONS, regionSourceLabel, type ProfileForm } from "./profileForm";
import type { Profiles } from "./store";

type TextField = Exclude<keyof ProfileForm, "credentialKind">;

function Field(props: {
  profiles: Profiles;
  field: TextField;
  label: string;
  secret?: boolean;
  placeholder?: string;
  list?: string;
  disabled?: boolean;
}) {
  const error = () => props.profiles.errors()[props.field];
  return (
    <div class="param param-wide">
      <label for={`profile-${props.field}`}>{props.label}</label>
      <input
        id={`profile-${props.field}`}
        data-testid={`profile-${props.field}`}
        type={props.secret ? "password" : "text"}
        autocomplete="off"
        spellcheck={false}
        list={props.list}
        disabled={props.disabled}
        placeholder={props.placeholder}
        value={props.profiles.form()[props.field]}
        classList={{ invalid: error() !== undefined }}
        onInput={(e) => props.profiles.setForm({ ...props.profiles.form(), [props.field]: e.currentTarget.value })}
      />
      <Show when={error()}>{(message) => <p class="field-error">{message()}</p>}</Show>
    </div>
  );
}

export function ProfileEditor(props: { profiles: Profiles }) {
  const profiles = props.profiles;
  const current = () => profiles.selected();
  const isEmulator = () => current()?.source === "emulator";
  const isApp = () => current() === undefined || current()?.source === "app";
  const keepHint = () => (current() ? "stored in the OS keyring; type to replace" : "");
  return (
    <section class="editor" data-testid="profile-editor">
      <h3>{current()?.name ?? "New profile"}</h3>
      <Show when={current()?.detail}>{(detail) => <p class="muted">{detail()}</p>}</Show>
      <datalist id="regions">
        <For each={REGIONS}>{(region) => <option value={region} />}</For>
      </datalist>
      <div class="params">
        <Field profiles={profiles} field="name" label="Name" disabled={current()?.canRename === false} />
        <Field
          profiles={profiles}
          field="region"
          label={current() ? `Region (${regionSourceLabel(current()?.regionSource ?? "app")})` : "Region"}
          placeholder="no region found: type one, e.g. us-east-1"
          list="regions"
          disabled={isEmulator()}
        />
        <Field
          profiles={profiles}
          field="endpointUrl"
          label="Endpoint URL for every service (optional)"
          placeholder={isEmulator() ? "in-process, on a loopback port chosen at start" : "https://bedrock.example.internal"}
          disabled={isEmulator()}
        />
        <Show when={!isEmulator()}>
          <Field
            profiles={profiles}
            field="runtimeEndpointUrl"
            label="bedrock-runtime endpoint only (optional; listing and STS keep theirs)"
            placeholder="https://vpce-….bedrock-runtime.us-east-1.vpce.amazonaws.com"
          />
          <div class="param param-wide">
            <label id="profile-credentials-label">Credentials</label>
            <div class="segmented" role="group" aria-labelledby="profile-credentials-label">
              <Show when={isApp()}>
                <button
                  classList={{ on: profiles.form().credentialKind === "accessKeys" }}
                  aria-pressed={profiles.form().credentialKind === "accessKeys"}
                  data-testid="kind-access-keys"
                  onClick={() => profiles.setForm({ ...profiles.form(), credentialKind: "accessKeys" })}
                >
                  Access keys
                </button>
              </Show>
              <button
                classList={{ on: profiles.form().credentialKind === "apiKey" }}
                aria-pressed={profiles.form().credentialKind === "apiKey"}
                data-testid="kind-api-key"
                onClick={() => profiles.setForm({ ...profiles.form(), credentialKind: "apiKey" })}
              >
                Bedrock API key
              </button>
            </div>
          </div>
          <Show when={isApp() && profiles.form().credentialKind === "accessKeys"}>
            <Field profiles={profiles} field="accessKeyId" label="Access key ID" placeholder={keepHint() || "AKIA…"} />
            <Field profiles={profiles} field="secretAccessKey" label="Secret access key" secret placeholder={keepHint()} />
            <Field profiles={profiles} field="sessionToken" label="Session token (optional)" secret placeholder={keepHint()} />
          </Show>
          <Show when={profiles.form().credentialKind === "apiKey"}>
            <Field profiles={profiles} field="apiKey" label="Bedrock API key" secret placeholder={keepHint() || "ABSK…"} />
          </Show>
        </Show>
      </div>
      <Show when={profiles.failure()}>{(failure) => <ErrorCard error={failure()} testId="profile-error" />}</Show>
      <Show when={profiles.saved()}>{(text) => <p class="saved" data-testid="profile-saved">{text()}</p>}</Show>
      <div class="editor-actions">
        <Show when={!isEmulator()}>
          <button class="primary" data-testid="save-profile" disabled={profiles.saving()} onClick={() => void profiles.save()}>
            {profiles.saving() ? "Saving…" : "Save"}
          </button>
        </Show>
        <Show when={current()}>
          {(profile) => (
            <>
              <button data-testid="test-connection" disabled={profiles.testing()} onClick={() => void profiles.test()}>
                {profiles.testing() ? "Testing…" : "Test connection"}
              </button>
              <Show when={!profile().active}>
                <button data-testid="use-profile" disabled={profiles.activating()} onClick={() => void profiles.activate(profile().id)}>
                  {profiles.activating() ? "Switching…" : "Use this profile"}
                </button>
              </Show>
              <Show when={profile().canDelete}>
                <button class="danger" data-testid="delete-profile" disabled={profiles.removing()} onClick={() => void profiles.remove()}>
                  {profiles.removing() ? "Deleting…" : profile().source === "awsFile" ? "Reset overrides" : "Delete"}
                </button>
              </Show>
            </>
          )}
        </Show>
      </div>
    </section>
  );
}
