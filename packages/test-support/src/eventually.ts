/**
 * The one way tests wait: poll a condition until it holds, never sleep a fixed time. A fixed
 * sleep is too short on a loaded machine and wasted time on an idle one; a condition is right
 * on both.
 */

export interface EventuallyOptions {
  /** How long the condition may take (default 5 s). */
  timeoutMs?: number;
  /** The pause between two looks (default 20 ms). */
  intervalMs?: number;
}

/** Thrown from a check to stop waiting at once: the condition can no longer come true. */
export class GiveUp extends Error {
  override name = "GiveUp";
}

/**
 * Runs `check` until it returns without throwing (assertions inside it are the condition) and
 * answers what it returned; after `timeoutMs` it throws the check's last error. A `GiveUp`
 * thrown by the check ends the wait at once.
 */
export async function eventually<T>(check: () => T | Promise<T>, options: EventuallyOptions = {}): Promise<T> {
  const { timeoutMs = 5_000, intervalMs = 20 } = options;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (error instanceof GiveUp || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}

/** Resolves once the clock has moved past `time` (epoch ms), for records that must not share a timestamp. */
export function clockPast(time: number): Promise<void> {
  return eventually(
    () => {
      if (Date.now() <= time) throw new Error(`the clock has not passed ${time} yet`);
    },
    { intervalMs: 1 },
  );
}

/**
 * Resolves once every callback already queued has run, promise reactions included: lets work
 * that is already scheduled finish before a test looks, deterministically, where a timer would
 * only guess how long that takes.
 */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
