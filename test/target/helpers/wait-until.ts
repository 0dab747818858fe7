/**
 * Polls `condition` until it returns something other than null/undefined/false, or fails the
 * test after `timeoutMs` (generous: the machine is shared) with `what` in the message.
 */
export async function waitUntil<T>(what: string, condition: () => T | null | undefined | false, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = condition();
    if (value !== null && value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
