// Content collections: the guides, one Markdown file per page per language
// (site/src/content/guides/<id|en>/<slug>.md, the same slug in both), so editors
// never touch code. The schema below is what each file's frontmatter must hold.
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';

const guides = defineCollection({
  loader: glob({ pattern: '**/*.md', base: './site/src/content/guides' }),
  schema: z.object({
    title: z.string().min(3),
    /** Shown in search results and link previews: one sentence. */
    description: z.string().min(20).max(160),
    /** Position in the guides list. */
    order: z.number().int(),
    updated: z.coerce.date(),
    /** Where the facts come from: official bodies by name. */
    sources: z.array(z.object({ name: z.string().min(2), url: z.string().url() })).min(1),
  }),
});

export const collections = { guides };
