// The private check for the <cek-dulu> widget: bundled on its own into an ES
// module published at /embed/v/<the modules' hash>/private.js (site/build/embed-bundle.ts),
// which the widget imports only when a visitor ticks "private check" and submits. The
// logic is the site's own (site/src/client/private-check.ts): read and hash the
// identifier in the browser, ask the range API for its 5-hex-digit prefix only.
export { privateCheck } from '../client/private-check.ts';
