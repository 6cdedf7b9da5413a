// The "if you were scammed" guide is read by someone in a hurry on a phone:
// each hotline and site is a link where it is named in the steps (not only
// under "Sources"), and it says why time matters.
import { exports } from 'cloudflare:workers';
import { describe, expect, test } from 'vitest';

const GUIDES = [
  { path: '/panduan/jika-tertipu/', sources: 'Sumber', time: '12 jam' },
  { path: '/en/guides/jika-tertipu/', sources: 'Sources', time: '12 hours' },
] as const;

const TAPPABLE = [
  'tel:157',
  'tel:1500888',
  'tel:14000',
  'tel:1500017',
  'tel:1500046',
  'https://iasc.ojk.go.id/',
  'https://cekrekening.id/',
  'https://aduankonten.id/',
  'https://patrolisiber.id/',
];

describe.each(GUIDES)('$path', ({ path, sources, time }) => {
  test('the steps link every hotline (tel:) and site where they name it, and say that time matters', async () => {
    const html = await (await exports.default.fetch(new Request(`https://cekdulu.test${path}`))).text();
    // The guide's own text: from its heading up to the sources list.
    const steps = html.slice(html.indexOf('<h1'), html.indexOf(`>${sources}</h2>`));
    expect(steps.length).toBeGreaterThan(1000);
    for (const href of TAPPABLE) expect(steps, href).toContain(`href="${href}"`);
    expect(steps).toContain(time);
  });
});
