import { describe, expect, it } from "vitest";
import { currentPlatform, modifierShortcut, modifierShortcutAria } from "./shortcuts";

describe("shortcut hints", () => {
  it("use ⌘ on macOS and Ctrl elsewhere", () => {
    expect(modifierShortcut("Enter", "mac")).toBe("⌘Enter");
    expect(modifierShortcut("Enter", "other")).toBe("Ctrl+Enter");
  });

  it("name the modifier as aria-keyshortcuts does", () => {
    expect(modifierShortcutAria("Enter", "mac")).toBe("Meta+Enter");
    expect(modifierShortcutAria("Enter", "other")).toBe("Control+Enter");
  });

  it("tell macOS from Linux and Windows by what the webview reports", () => {
    expect(currentPlatform({ platform: "MacIntel", userAgent: "" })).toBe("mac");
    expect(currentPlatform({ platform: "", userAgent: "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0)" })).toBe("mac");
    expect(currentPlatform({ platform: "Linux x86_64", userAgent: "Mozilla/5.0 (X11; Linux x86_64)" })).toBe("other");
    expect(currentPlatform({ platform: "Win32", userAgent: "Mozilla/5.0 (Windows NT 10.0)" })).toBe("other");
  });
});
