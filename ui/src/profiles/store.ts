// The Profiles screen: the list, the profile being edited, connection checks. Each call that
// reaches the keyring, ~/.aws or the network runs as an action: its button shows it is busy
// and its failure reaches an ErrorCard.
import { createSignal } from "solid-js";
import * as api from "../shared/api";
import type { ConnectionReport, ProfileList } from "../bindings";
import { createAction, type Outcome } from "../shared/action";
import { ask } from "../shared/confirm";
import { unexpectedError, type AppError } from "../shared/errors";
import { emptyForm, formFor, toNewProfile, toUpdate, type FormErrors, type ProfileForm } from "./profileForm";
import type { Catalogue } from "../models";

const done: Outcome<null> = { ok: true, value: null };

/** The catalogue is listed again when the active profile changes. */
export function createProfiles(catalogue: Pick<Catalogue, "load">) {
  const [list, setList] = createSignal<ProfileList | null>(null);
  const [listError, setListError] = createSignal<AppError | null>(null);
  /** The profile in the editor; `null` with a form means a new profile. */
  const [selectedId, setSelectedId] = createSignal<string | null>(null);
  const [form, setForm] = createSignal<ProfileForm>(emptyForm());
  const [errors, setErrors] = createSignal<FormErrors>({});
  const [saved, setSaved] = createSignal<string | null>(null);
  const [report, setReport] = createSignal<ConnectionReport | null>(null);

  const selected = () => list()?.profiles.find((p) => p.id === selectedId());

  async function load(): Promise<void> {
    try {
      setList(await api.listProfiles());
      setListError(null);
    } catch (thrown) {
      setListError(unexpectedError(thrown));
    }
  }

  function select(id: string | null): void {
    setSelectedId(id);
    const profile = list()?.profiles.find((p) => p.id === id);
    setForm(profile ? formFor(profile) : emptyForm());
    setErrors({});
    for (const action of actions) action.clearError();
    setSaved(null);
    setReport(null);
  }

  /** Create or change the profile in the editor; the typed secrets are cleared once stored. */
  const saving = createAction(async (): Promise<Outcome<null>> => {
    setSaved(null);
    const current = selected();
    if (!current) {
      const { profile, errors: found } = toNewProfile(form());
      setErrors(found);
      if (!profile) return done;
      const added = await api.addProfile(profile);
      if (!added.ok) return added;
      await load();
      select(added.value.id);
      setSaved("Saved. The secret is in the OS keyring.");
      return done;
    }
    const { update, rename, errors: found } = toUpdate(current, form());
    setErrors(found);
    if (!update) return done;
    if (rename !== undefined) {
      const renamed = await api.renameProfile(current.id, rename);
      if (!renamed.ok) return renamed;
    }
    if (Object.keys(update).length > 0) {
      const updated = await api.updateProfile(current.id, update);
      if (!updated.ok) return updated;
    }
    await load();
    select(current.id);
    setSaved("Saved.");
    if (current.active) await catalogue.load();
    return done;
  });

  const removing = createAction(async (): Promise<Outcome<null>> => {
    const current = selected();
    if (!current) return done;
    const deleted = await api.deleteProfile(current.id);
    if (!deleted.ok) return deleted;
    await load();
    select(deleted.value === "removed" ? null : current.id);
    if (current.active) await catalogue.load();
    return done;
  });

  /** Delete the profile in the editor (or reset a ~/.aws profile's overrides), once the user agrees. */
  async function remove(): Promise<void> {
    const current = selected();
    if (!current) return;
    const resetting = current.source === "awsFile";
    const agreed = await ask(
      resetting
        ? {
            title: `Reset ${current.name}?`,
            message: `The app's overrides for ${current.name} (region, endpoints, keys in the OS keyring) are removed; ~/.aws stays as it is.`,
            confirmLabel: "Reset overrides",
          }
        : {
            title: `Delete ${current.name}?`,
            message: `${current.name} and its keys in the OS keyring are deleted. This cannot be undone.`,
            confirmLabel: "Delete profile",
          },
    );
    if (agreed) await fresh(removing).run();
  }

  const activating = createAction(async (id: string): Promise<Outcome<null>> => {
    const result = await api.setActiveProfile(id);
    await load();
    await catalogue.load();
    return result.ok ? done : result;
  });

  const testing = createAction(async (): Promise<Outcome<null>> => {
    const current = selected();
    if (!current) return done;
    setReport(null);
    const result = await api.testConnection(current.id);
    if (!result.ok) return result;
    setReport(result.value);
    return done;
  });

  const actions = [saving, removing, activating, testing];
  /** An action about to run: what failed before is no longer the news. */
  function fresh<T extends { clearError: () => void }>(action: T): T {
    for (const other of actions) other.clearError();
    return action;
  }
  /** The last action's failure, else a list that could not be read. */
  const failure = () => actions.map((a) => a.error()).find((e) => e !== null) ?? listError();

  return {
    list,
    selected,
    selectedId,
    form,
    setForm,
    errors,
    failure,
    saved,
    report,
    saving: saving.busy,
    removing: removing.busy,
    activating: activating.busy,
    testing: testing.busy,
    load,
    select,
    save: () => fresh(saving).run(),
    remove,
    activate: (id: string) => fresh(activating).run(id),
    test: () => fresh(testing).run(),
  };
}

export type Profiles = ReturnType<typeof createProfiles>;
