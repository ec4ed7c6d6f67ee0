// Copying to the clipboard: the webview may refuse (no permission, no focus), which is reported
// as `false` instead of a promise nobody catches.
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
