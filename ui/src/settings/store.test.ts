import { createRoot } from "solid-js";
import { describe, expect, it, vi } from "vitest";

const api = vi.hoisted(() => ({ getSettings: vi.fn(), saveSettings: vi.fn() }));
vi.mock("../shared/api", () => api);

const { createSettings } = await import("./store");

const stored = { readTimeoutSecs: 60, connectTimeoutSecs: 5, retryMode: "standard", maxAttempts: 3, theme: "dark" };

describe("the settings store", () => {
  it("reports settings that could not be read instead of rejecting", async () => {
    api.getSettings.mockRejectedValue(new Error("backend gone"));
    const settings = createRoot(() => createSettings());
    await expect(settings.load()).resolves.toBeUndefined();
    expect(settings.error()?.message).toBe("backend gone");
  });

  it("is busy while saving and shows a refused save", async () => {
    api.getSettings.mockResolvedValue(stored);
    let finish: (value: unknown) => void = () => undefined;
    api.saveSettings.mockReturnValue(new Promise((resolve) => (finish = resolve)));
    const settings = createRoot(() => createSettings());
    await settings.load();
    const saving = settings.save();
    expect(settings.saving()).toBe(true);
    finish({ ok: false, error: { code: "InvalidRequest", message: "Max attempts is 1 to 10.", hint: "Fix it." } });
    await saving;
    expect(settings.saving()).toBe(false);
    expect(settings.error()?.message).toBe("Max attempts is 1 to 10.");
    expect(settings.saved()).toBe(false);
  });
});
