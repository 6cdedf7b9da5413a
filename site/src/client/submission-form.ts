// The report and dispute forms with JavaScript: the form is posted to the API
// as it is (multipart, its submission token included), and the answer is
// shown without leaving the page when it is an error — every field's message
// beside its field and in the summary at the top, the values as typed, files
// kept — or followed to the sent page (?ref=…) when it worked. The same places
// the Worker fills for a post without JavaScript (worker/routes/form-page.ts);
// every message goes in as textContent, never as markup. One post at a time:
// a second click while one is in flight does nothing, and a repeat of the same
// form (same token) is answered with the first reference anyway.

interface FieldErrorAnswer {
  field?: string | null;
  message: string;
}
interface ErrorAnswer {
  error?: FieldErrorAnswer & { fields?: FieldErrorAnswer[] };
}

/** A token when the page came without one (a cached copy): 128 random bits, hex. */
const newToken = () => [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');

/** Cloudflare's Turnstile script, when the form carries its widget. */
type WithTurnstile = Window & { turnstile?: { reset(): void } };

function showErrors(form: HTMLFormElement, errors: FieldErrorAnswer[]): void {
  const summary = form.querySelector<HTMLElement>('[data-error-summary]')!;
  const slots = new Set([...form.querySelectorAll<HTMLElement>('[data-error-for]')].map((el) => el.dataset.errorFor!));
  const messages = new Map<string, string>();
  for (const { field, message } of errors) {
    const slot = field && slots.has(field) ? field : 'general';
    if (!messages.has(slot)) messages.set(slot, message);
  }
  for (const el of form.querySelectorAll<HTMLElement>('[data-error-for]')) {
    const message = messages.get(el.dataset.errorFor!);
    el.hidden = message === undefined;
    el.textContent = message ?? '';
  }
  for (const control of form.querySelectorAll<HTMLElement>('input[name], select[name], textarea[name]')) {
    if (messages.has(control.getAttribute('name')!)) control.setAttribute('aria-invalid', 'true');
    else control.removeAttribute('aria-invalid');
  }
  for (const item of summary.querySelectorAll<HTMLElement>('[data-summary-for]')) {
    const message = messages.get(item.dataset.summaryFor!);
    item.hidden = message === undefined;
    item.querySelector('[data-summary-message]')!.textContent = message ?? '';
  }
  summary.hidden = messages.size === 0;
  const prefix = summary.dataset.titlePrefix ?? '';
  if (!document.title.startsWith(prefix)) document.title = prefix + document.title;
  summary.focus();
}

function enhance(form: HTMLFormElement): void {
  const token = form.querySelector<HTMLInputElement>('input[name="submissionToken"]')!;
  if (!token.value) token.value = newToken();
  const button = form.querySelector<HTMLButtonElement>('button[type="submit"]')!;
  const idleLabel = button.textContent ?? '';
  let sending = false;

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (sending) return;
    sending = true;
    button.disabled = true;
    button.textContent = form.dataset.sending ?? idleLabel;
    try {
      const res = await fetch(form.action, { method: 'POST', body: new FormData(form), headers: { Accept: 'application/json' } });
      const answer = (await res.json()) as { ref?: string } & ErrorAnswer;
      if (res.ok && answer.ref) {
        // Stays "sending" while the sent page loads: nothing to click twice.
        location.assign(`${form.dataset.sentPage}?ref=${encodeURIComponent(answer.ref)}`);
        return;
      }
      const error = answer.error ?? { message: form.dataset.networkError ?? '' };
      showErrors(form, error.fields ?? [error]);
      // A Turnstile token is good for one post only.
      (window as WithTurnstile).turnstile?.reset();
    } catch {
      showErrors(form, [{ field: null, message: form.dataset.networkError ?? '' }]);
    }
    sending = false;
    button.disabled = false;
    button.textContent = idleLabel;
  });
}

for (const form of document.querySelectorAll<HTMLFormElement>('form[data-submission-form]')) enhance(form);
