// Keyboard shortcut hints as each platform writes them: ⌘ on macOS, Ctrl elsewhere.

export type Platform = "mac" | "other";

/** The platform the webview runs on, from what it reports about itself. */
export function currentPlatform(nav: Pick<Navigator, "platform" | "userAgent"> = navigator): Platform {
  return /mac|iphone|ipad/i.test(nav.platform || nav.userAgent) ? "mac" : "other";
}

/** The hint people read, "⌘Enter" on macOS and "Ctrl+Enter" elsewhere. */
export function modifierShortcut(key: string, platform: Platform = currentPlatform()): string {
  return platform === "mac" ? `⌘${key}` : `Ctrl+${key}`;
}

/** The same shortcut for aria-keyshortcuts, which names keys as the DOM does. */
export function modifierShortcutAria(key: string, platform: Platform = currentPlatform()): string {
  return `${platform === "mac" ? "Meta" : "Control"}+${key}`;
}
