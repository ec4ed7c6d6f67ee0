import { createRoot } from "solid-js";
import { describe, expect, it } from "vitest";
import { createAction } from "./action";

const failure = { code: "Throttled", message: "Rate exceeded", hint: "Wait a moment." } as const;

function deferred<T>() {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe("createAction", () => {
  it("is busy while its call runs, refuses a second start and returns the value", async () => {
    const gate = deferred<{ ok: true; value: number }>();
    let calls = 0;
    const action = createRoot(() =>
      createAction(() => {
        calls += 1;
        return gate.promise;
      }),
    );
    const first = action.run();
    expect(action.busy()).toBe(true);
    expect(await action.run()).toBeUndefined();
    gate.resolve({ ok: true, value: 7 });
    expect(await first).toBe(7);
    expect(action.busy()).toBe(false);
    expect(calls).toBe(1);
  });

  it("keeps the error a call returns until the next run", async () => {
    let fail = true;
    const action = createRoot(() =>
      createAction(() => Promise.resolve(fail ? { ok: false as const, error: failure } : { ok: true as const, value: "fine" })),
    );
    expect(await action.run()).toBeUndefined();
    expect(action.error()).toEqual(failure);
    fail = false;
    expect(await action.run()).toBe("fine");
    expect(action.error()).toBeNull();
  });

  it("turns a thrown error into an Unknown error instead of rejecting", async () => {
    const action = createRoot(() => createAction((): Promise<{ ok: true; value: null }> => Promise.reject(new Error("IPC gone"))));
    await expect(action.run()).resolves.toBeUndefined();
    expect(action.error()?.code).toBe("Unknown");
    expect(action.error()?.message).toBe("IPC gone");
    expect(action.busy()).toBe(false);
  });

  it("passes its arguments through", async () => {
    const action = createRoot(() => createAction((a: number, b: number) => Promise.resolve({ ok: true as const, value: a + b })));
    expect(await action.run(2, 3)).toBe(5);
  });
});
