/** Polls `condition` until it holds; fails, naming `what`, once `timeoutMs` has passed. */
export async function waitFor(condition: () => boolean | Promise<boolean>, { what = 'the condition', timeoutMs = 10_000, intervalMs = 25 } = {}): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
