// One check at a time for a form, shared by the lookup form and the paste box:
// a new submit aborts the one in flight, a slow one is aborted after 20 s, and
// only the newest answer is shown. Meanwhile the button says it is working and
// the result region is busy (aria-busy); afterwards the answer is scrolled to
// the top of the screen and its first heading takes focus, so the eye and a
// screen reader both land on it.

/** A check that does not answer within this long is aborted (the view then says "could not check"). */
export const TIMEOUT_MS = 20_000;

export interface LatestSubmit<T> {
  form: HTMLFormElement;
  button: HTMLButtonElement;
  result: HTMLElement;
  /** The button's text while a check runs; its own text when empty. */
  loadingLabel: string | undefined;
  /** The check itself; `signal` aborts when a newer submit or the time limit replaces it. */
  run(signal: AbortSignal): Promise<T>;
  /** Shows the newest answer (only called for the newest submit). */
  show(answer: T): void;
}

export function onLatestSubmit<T>({ form, button, result, loadingLabel, run, show }: LatestSubmit<T>): void {
  const idleLabel = button.textContent ?? '';
  let current: AbortController | null = null;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    current?.abort();
    const controller = new AbortController();
    current = controller;
    const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
    button.disabled = true;
    button.textContent = loadingLabel || idleLabel;
    result.setAttribute('aria-busy', 'true');

    const answer = await run(controller.signal);
    clearTimeout(timer);
    if (current !== controller) return; // a newer check replaced this one
    current = null;

    show(answer);
    result.removeAttribute('aria-busy');
    button.disabled = false;
    button.textContent = idleLabel;
    bringIntoView(result);
  });
}

/**
 * The answer where the eye lands: the region's top at the top of the screen
 * (the summary of a pasted message sits above its first card), and the focus on
 * its first heading, or on the region when it has none.
 */
export function bringIntoView(result: HTMLElement): void {
  result.scrollIntoView({ block: 'start' });
  const heading = result.querySelector<HTMLElement>('h2') ?? result;
  heading.tabIndex = -1;
  heading.focus({ preventScroll: true });
}
