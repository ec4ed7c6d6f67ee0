import { For } from "solid-js";
import type { EventFrame } from "../bindings";
import { formatDuration } from "../shared/format";

/** Event-stream frames with their arrival times; native chunks shown decoded. */
export function FramesTable(props: { frames: EventFrame[]; testId?: string }) {
  return (
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
  );
}
