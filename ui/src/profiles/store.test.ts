import { createRoot } from "solid-js";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { ProfileList, ProfileSummary } from "../bindings";
import { answer, pendingQuestion } from "../shared/confirm";

const api = vi.hoisted(() => ({ listProfiles: vi.fn(), deleteProfile: vi.fn(), testConnection: vi.fn() }));
vi.mock("../shared/api", () => api);

const { createProfiles } = await import("./store");

const temp = {
  id: "app:temp",
  name: "Temp",
  source: "app",
  awsKind: null,
  detail: null,
  region: "us-west-2",
  regionSource: "app",
  endpointUrl: null,
  runtimeEndpointUrl: null,
  regionOverridden: false,
  endpointOverridden: false,
  hasAccessKeys: true,
  hasApiKey: false,
  canRename: true,
  canDelete: true,
  active: false,
} as ProfileSummary;

const listed: ProfileList = { profiles: [temp], activeId: "emulator", activeProblem: null, problems: [] };

async function profilesWithTemp() {
  const profiles = createRoot(() => createProfiles({ load: () => Promise.resolve() }));
  await profiles.load();
  profiles.select(temp.id);
  return profiles;
}

beforeEach(() => {
  vi.resetAllMocks();
  api.listProfiles.mockResolvedValue(listed);
});

describe("the profiles store", () => {
  it("asks before deleting a profile and deletes nothing when told no", async () => {
    const profiles = await profilesWithTemp();
    const removing = profiles.remove();
    expect(pendingQuestion()?.title).toBe("Delete Temp?");
    answer(false);
    await removing;
    expect(api.deleteProfile).not.toHaveBeenCalled();
  });

  it("deletes once the user agrees, busy while it runs", async () => {
    let finish: (value: unknown) => void = () => undefined;
    api.deleteProfile.mockReturnValue(new Promise((resolve) => (finish = resolve)));
    const profiles = await profilesWithTemp();
    const removing = profiles.remove();
    answer(true);
    await vi.waitFor(() => {
      expect(profiles.removing()).toBe(true);
    });
    api.listProfiles.mockResolvedValue({ ...listed, profiles: [] });
    finish({ ok: true, value: "removed" });
    await removing;
    expect(api.deleteProfile).toHaveBeenCalledWith("app:temp");
    expect(profiles.removing()).toBe(false);
    expect(profiles.list()?.profiles).toEqual([]);
  });

  it("shows a failed connection test as its error, and a thrown one as Unknown instead of rejecting", async () => {
    const profiles = await profilesWithTemp();
    const denied = { code: "AccessDenied", message: "No", hint: "Ask" };
    api.testConnection.mockResolvedValue({ ok: false, error: denied });
    await profiles.test();
    expect(profiles.failure()).toEqual(denied);
    api.testConnection.mockRejectedValue(new Error("IPC gone"));
    await expect(profiles.test()).resolves.toBeUndefined();
    expect(profiles.failure()?.code).toBe("Unknown");
  });

  it("reports a profile list that could not be read instead of rejecting", async () => {
    api.listProfiles.mockRejectedValue(new Error("backend gone"));
    const profiles = createRoot(() => createProfiles({ load: () => Promise.resolve() }));
    await expect(profiles.load()).resolves.toBeUndefined();
    expect(profiles.failure()?.message).toBe("backend gone");
  });
});
