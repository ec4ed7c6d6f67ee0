// Answers that may come back out of order: only those to the newest request count.

/** Numbers requests; an answer is used only while its request is still the newest. */
export function generations() {
  let current = 0;
  return {
    /** A new request: every answer to an earlier one is stale from now on. */
    next(): number {
      current += 1;
      return current;
    },
    /** The request now in force, for a follow-up (a further page) that must not replace it. */
    current(): number {
      return current;
    },
    isCurrent(generation: number): boolean {
      return generation === current;
    },
  };
}

/** `fn` once `ms` after the last of a burst of calls. */
export function debounced(fn: () => void, ms: number) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    call(): void {
      clearTimeout(timer);
      timer = setTimeout(() => {
        timer = undefined;
        fn();
      }, ms);
    },
    cancel(): void {
      clearTimeout(timer);
      timer = undefined;
    },
    pending(): boolean {
      return timer !== undefined;
    },
  };
}
