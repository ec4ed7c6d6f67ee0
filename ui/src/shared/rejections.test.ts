import { describe, expect, it } from "vitest";
import { recordUnhandledRejections } from "./rejections";

describe("the unhandled-rejection recorder", () => {
  it("records what an unhandled rejection carried", () => {
    recordUnhandledRejections(window);
    const event = new Event("unhandledrejection") as Event & { reason: unknown };
    event.reason = new Error("listProfiles failed");
    window.dispatchEvent(event);
    expect(window.__unhandledRejections?.map((r) => r.reason)).toEqual(["Error: listProfiles failed"]);
  });
});
