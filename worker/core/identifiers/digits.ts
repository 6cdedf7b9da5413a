// The readers' one test for "digits only", as a loop rather than /^[0-9]+$/: it
// runs on every lookup of a number, where a regular expression's entry costs
// more than the handful of characters it reads.

/** Whether `text` from `from` on is one or more ASCII digits. */
export function isDigitsFrom(text: string, from = 0): boolean {
  if (text.length <= from) return false;
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}
