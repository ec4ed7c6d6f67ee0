import { For, Show } from "solid-js";
import type { Profiles } from "./store";

/** The active profile, switchable from the sidebar; every later call uses it. */
export function ProfileSwitcher(props: { profiles: Profiles; onManage: () => void }) {
  return (
    <section class="field">
      <div class="label-row">
        <label for="profile-switcher">Profile</label>
        <button class="link" data-testid="manage-profiles" onClick={() => { props.onManage(); }}>
          Manage
        </button>
      </div>
      <select
        id="profile-switcher"
        data-testid="profile-switcher"
        onChange={(e) => void props.profiles.activate(e.currentTarget.value)}
      >
        <Show when={props.profiles.list()?.activeProblem}>
          <option value="" selected disabled>
            Choose a profile (the active one is gone)
          </option>
        </Show>
        <For each={props.profiles.list()?.profiles ?? []}>
          {(profile) => (
            <option value={profile.id} selected={profile.active}>
              {profile.name} · {profile.regionSource === "missing" ? "no region" : profile.region}
            </option>
          )}
        </For>
      </select>
    </section>
  );
}
