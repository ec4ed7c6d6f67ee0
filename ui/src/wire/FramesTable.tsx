import { For } from "solid-js";
import type { EventFrame } from "../bindings";
import { formatDuration } from "../shared/format";

/** Event-stream frames with their arrival times; native chunks shown decoded. Scrolls by keyboard too. */
export function FramesTable(props: { frames: EventFrame[]; testId?: string; label?: string }) {
  return (
    <div class="frames-scroll" tabindex="0" role="region" aria-label={props.label ?? "Event-stream frames"}>
      <table class="frames" data-testid={props.testId}>
        <tbody>
          <For each={props.frames}>
            {(frame) => (
              <tr>
                <td class="muted">{formatDuration(frame.atMs ?? 0)}</td>
                <td>{frame.exceptionType ?? frame.eventType ?? frame.messageType ?? ""}</td>
                <td>
                  <code>{frame.decodedChunk ?? frame.payload.text}</code>
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}
