// The one rule for an e-mail address this service accepts: the report form's
// optional address for the decision message, and anything handed to the
// send_email binding (worker/admin/decision-mail.ts). One address, nothing a
// mail header could read as a second one or as a new header.
//
// The shape is the HTML Standard's "valid e-mail address", the rule a browser's
// <input type="email"> applies, with its regular expression as published there:
// https://html.spec.whatwg.org/multipage/input.html#valid-e-mail-address
// It is ASCII only, with no quoted local part, comment, space, comma, angle
// bracket, control character or line break, so `a,b@x.example`,
// `<x@x.example>` and `"a\u0085Bcc:"@x.example` are all refused. (valibot's
// email() is a different, looser rule: not used for this.) On top of it, RFC
// 5321's limits (section 4.5.3.1): a local part of at most 64 octets and a path
// of at most 254 characters.

/** The HTML Standard's valid e-mail address (its regular expression, verbatim). */
const WHATWG_EMAIL =
  /^[a-zA-Z0-9.!#$%&'*+\/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;

/** RFC 5321, 4.5.3.1.3: the longest forward path is 256 octets, with its angle brackets. */
export const MAX_EMAIL_LENGTH = 254;
/** RFC 5321, 4.5.3.1.1. */
const MAX_LOCAL_PART = 64;

/** Whether `text` is one e-mail address of the accepted shape, as it is (nothing trimmed). */
export function isEmailAddress(text: string): boolean {
  // The length first: no regular expression sees more than the cap.
  if (text.length > MAX_EMAIL_LENGTH) return false;
  if (!WHATWG_EMAIL.test(text)) return false;
  return text.indexOf('@') <= MAX_LOCAL_PART;
}
