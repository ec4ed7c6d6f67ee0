import { describe, expect, it } from "vitest";
import { answer, ask, askIf, pendingQuestion } from "./confirm";

const question = { title: "Delete prompt?", message: "Summariser and its 2 versions go.", confirmLabel: "Delete" };

describe("the confirmation question", () => {
  it("waits for an answer and resolves with it", async () => {
    const yes = ask(question);
    expect(pendingQuestion()?.title).toBe("Delete prompt?");
    answer(true);
    expect(await yes).toBe(true);
    expect(pendingQuestion()).toBeNull();
    const no = ask(question);
    answer(false);
    expect(await no).toBe(false);
  });

  it("cancels an older question when a newer one comes", async () => {
    const older = ask(question);
    const newer = ask({ ...question, title: "Replace the draft?" });
    expect(await older).toBe(false);
    expect(pendingQuestion()?.title).toBe("Replace the draft?");
    answer(true);
    expect(await newer).toBe(true);
  });

  it("asks nothing when nothing would be replaced", async () => {
    expect(await askIf(false, question)).toBe(true);
    expect(pendingQuestion()).toBeNull();
  });
});
