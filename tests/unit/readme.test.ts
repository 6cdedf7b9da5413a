// The README is the front door (STYLE 13): under 300 lines, and every path it
// names exists, so a folder that moves cannot leave it pointing nowhere. A
// backticked token shaped like a path (`worker/core/identifiers.ts`, `docs/`)
// must exist; a relative one (`lookup/`, `aggregate.ts`) must exist at the top
// level or under a folder named earlier in the same paragraph or list item.
// Paths under what .gitignore lists (`data/`, `dist/`) are made by running the
// project, not kept in it. Markdown links to local files must reach the file,
// and an #anchor a heading in it.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MAX_LINES = 300;

/** Top-level folders .gitignore names (`dist/`, `/data/`): what the project generates. */
const GENERATED = readFileSync(join(ROOT, '.gitignore'), 'utf8')
  .split('\n')
  .map((line) => line.trim().replace(/^\//, ''))
  .filter((line) => /^[\w.-]+\/$/.test(line));

/** `a/b/c.ts`, `.ci/run`, `docs/`; not `/api/*`, `facebook.com/x`, `tel:+62…` or anything with a space. */
const PATH_SHAPE = /^\.?[\w-]+\/[\w./-]*$/;
/** A media type (`application/json`), not a path. */
const MEDIA_TYPE = /^(?:application|text|multipart|image|audio|video|font)\/[\w.+-]+$/;
/** A bare file name: `index.ts`, `wrangler.toml`, `contract-golden.json`. */
const FILE_SHAPE = /^[\w.-]+\.(?:ts|mjs|js|json|toml|md|sql|yml|astro|css)$/;

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
function slug(heading: string): string {
  return heading.trim().toLowerCase().replace(/[^\p{L}\p{N} _-]/gu, '').replace(/ /g, '-');
}

function exists(path: string): boolean {
  const full = join(ROOT, path);
  if (!existsSync(full)) return false;
  return !path.endsWith('/') || statSync(full).isDirectory();
}

/** Each problem with the paths and links a Markdown text at `file` (relative to the root) names. */
function brokenPaths(markdown: string, file = 'README.md'): string[] {
  const problems: string[] = [];
  const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/') + 1) : '';
  // Paragraphs and list items: a relative name is read against the folders named before it there.
  const blocks = markdown.replace(/```[\s\S]*?```/g, '').split(/\n\s*\n|\n(?=- )/);
  for (const block of blocks) {
    const folders: string[] = [''];
    for (const [, token] of block.matchAll(/`([^`\n]+)`/g)) {
      const name = token!;
      if ((!PATH_SHAPE.test(name) && !FILE_SHAPE.test(name)) || MEDIA_TYPE.test(name)) continue;
      if (GENERATED.some((g) => name.startsWith(g))) continue;
      const found = folders.map((f) => f + name).find(exists);
      if (!found) problems.push(`\`${name}\` does not exist`);
      else if (found.endsWith('/')) folders.push(found);
    }
  }
  for (const [, target] of markdown.matchAll(/\]\(([^)\s]+)\)/g)) {
    if (/^[a-z]+:/i.test(target!)) continue;
    const [path, anchor] = target!.split('#') as [string, string | undefined];
    const local = path === '' ? file : join(dir, path);
    if (!exists(local)) {
      problems.push(`link ${target} does not exist`);
      continue;
    }
    if (anchor === undefined || !local.endsWith('.md')) continue;
    const text = local === file ? markdown : readFileSync(join(ROOT, local), 'utf8');
    const headings = [...text.replace(/```[\s\S]*?```/g, '').matchAll(/^#{1,6} (.+)$/gm)].map(([, h]) => slug(h!));
    if (!headings.includes(anchor)) problems.push(`link ${target}: no heading #${anchor} in ${local}`);
  }
  return problems;
}

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

describe('the README', () => {
  test(`stays under ${MAX_LINES} lines`, () => {
    expect(readme.split('\n').length).toBeLessThan(MAX_LINES);
  });

  test('names only paths that exist, and links only files and headings that exist', () => {
    expect(brokenPaths(readme)).toEqual([]);
  });
});

describe('the path check itself', () => {
  test('finds a made-up path, a made-up relative name, a dead link and a dead anchor', () => {
    const text = [
      'The filter is in `worker/core/bloom-filter.ts`, the lookup in `worker/core/made-up.ts`.',
      '',
      '- `worker/` — `index.ts` wires the routes; `routes/` has `nowhere.ts`.',
      '',
      'See [the API](docs/no-such.md) and [caching](docs/api.md#no-such-heading).',
    ].join('\n');
    expect(brokenPaths(text)).toEqual([
      '`worker/core/made-up.ts` does not exist',
      '`nowhere.ts` does not exist',
      'link docs/no-such.md does not exist',
      'link docs/api.md#no-such-heading: no heading #no-such-heading in docs/api.md',
    ]);
  });

  test('reads a relative name against the folder named before it, and skips URLs, API paths, media types and generated files', () => {
    const text = '- `worker/` — `lookup/` holds `lookup.ts`; `/api/v1/check`, `facebook.com/a.b`, `application/json`, `data/sample-reports.ndjson`, [x](https://example.com/y).';
    expect(brokenPaths(text)).toEqual([]);
  });

  test("an anchor is the heading's GitHub slug", () => {
    expect(slug('The private check: `GET /api/v1/range/{prefix}`')).toBe('the-private-check-get-apiv1rangeprefix');
    expect(slug('Schedule, secrets and the Cloudflare setup')).toBe('schedule-secrets-and-the-cloudflare-setup');
  });
});
