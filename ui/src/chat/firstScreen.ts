// `make bench` times start-up from the app's process spawn to this mark: the first frame
// painted with the model list (tools/bench/startup.py reads it through WebDriver).
import { createEffect } from "solid-js";

export const FIRST_SCREEN_MARK = "bedrock-playground:first-screen";

/** Mark, once, the frame after the one that first painted what `ready` waits for. */
export function markFirstScreenWhen(ready: () => boolean): void {
  let marked = false;
  createEffect(() => {
    if (marked || !ready()) return;
    marked = true;
    // The first callback runs before the frame that paints the list, the second after it.
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        performance.mark(FIRST_SCREEN_MARK);
      }),
    );
  });
}
