// The two languages everything speaks: Bahasa Indonesia first, then English.
// API error messages (errors.ts), the result view, the pages and the widget all
// take one of these.
export type Lang = 'id' | 'en';
