// The Profiles screen: the list, the profile being edited, connection checks.
import { createSignal } from "solid-js";
import * as api from "../shared/api";
import type { ClientError, ConnectionReport, ProfileError, ProfileList } from "../bindings";
import { emptyForm, formFor, toNewProfile, toUpdate, type FormErrors, type ProfileForm } from "./profileForm";
import type { Catalogue } from "../models";

/** The catalogue is listed again when the active profile changes. */
export function createProfiles(catalogue: Pick<Catalogue, "load">) {
  const [list, setList] = createSignal<ProfileList | null>(null);
  /** The profile in the editor; `null` with a form means a new profile. */
  const [selectedId, setSelectedId] = createSignal<string | null>(null);
  const [form, setForm] = createSignal<ProfileForm>(emptyForm());
  const [errors, setErrors] = createSignal<FormErrors>({});
  const [failure, setFailure] = createSignal<ProfileError | ClientError | null>(null);
  const [saved, setSaved] = createSignal<string | null>(null);
  const [report, setReport] = createSignal<ConnectionReport | null>(null);
  const [testing, setTesting] = createSignal(false);

  const selected = () => list()?.profiles.find((p) => p.id === selectedId());

  async function load(): Promise<void> {
    setList(await api.listProfiles());
  }

  function select(id: string | null): void {
    setSelectedId(id);
    const profile = list()?.profiles.find((p) => p.id === id);
    setForm(profile ? formFor(profile) : emptyForm());
    setErrors({});
    setFailure(null);
    setSaved(null);
    setReport(null);
  }

  /** Create or change the profile in the editor; the typed secrets are cleared once stored. */
  async function save(): Promise<void> {
    setFailure(null);
    setSaved(null);
    const current = selected();
    if (!current) {
      const { profile, errors: found } = toNewProfile(form());
      setErrors(found);
      if (!profile) return;
      const added = await api.addProfile(profile);
      if (!added.ok) return void setFailure(added.error);
      await load();
      select(added.value.id);
      setSaved("Saved. The secret is in the OS keyring.");
      return;
    }
    const { update, rename, errors: found } = toUpdate(current, form());
    setErrors(found);
    if (!update) return;
    if (rename !== undefined) {
      const renamed = await api.renameProfile(current.id, rename);
      if (!renamed.ok) return void setFailure(renamed.error);
    }
    if (Object.keys(update).length > 0) {
      const updated = await api.updateProfile(current.id, update);
      if (!updated.ok) return void setFailure(updated.error);
    }
    await load();
    select(current.id);
    setSaved("Saved.");
    if (current.active) await catalogue.load();
  }

  async function remove(): Promise<void> {
    const current = selected();
    if (!current) return;
    const deleted = await api.deleteProfile(current.id);
    if (!deleted.ok) return void setFailure(deleted.error);
    await load();
    select(deleted.value === "removed" ? null : current.id);
    if (current.active) await catalogue.load();
  }

  async function activate(id: string): Promise<void> {
    setFailure(null);
    const result = await api.setActiveProfile(id);
    await load();
    if (!result.ok) setFailure(result.error);
    await catalogue.load();
  }

  async function test(): Promise<void> {
    const current = selected();
    if (!current) return;
    setTesting(true);
    setReport(null);
    const result = await api.testConnection(current.id);
    setTesting(false);
    if (result.ok) setReport(result.value);
    else setFailure(result.error);
  }

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
    testing,
    load,
    select,
    save,
    remove,
    activate,
    test,
  };
}

export type Profiles = ReturnType<typeof createProfiles>;
