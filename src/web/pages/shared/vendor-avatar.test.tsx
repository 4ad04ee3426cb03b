// The initial-letter avatar: the same slug always gets the same colour, names never reach the page
// as markup, and every colour of the palette in app.css stays readable in light and dark.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../../config/catalog.js';
import { xssVectors } from '../test-support/xss-vectors.js';
import { avatarColour, avatarColours, avatarInitials, VendorAvatar } from './vendor-avatar.js';

async function render(slug: string, name: string): Promise<string> {
  // A hono/jsx node renders on toString(), as pages/shared/html.ts does.
  return String(await Promise.resolve(<VendorAvatar slug={slug} name={name} />));
}

describe('VendorAvatar', () => {
  it('renders a decorative circle with the initials and a colour class from the slug', async () => {
    const html = await render('google-cloud', 'Google Cloud');
    expect(html).toBe(
      `<span class="vendor-avatar avatar-${avatarColour('google-cloud')}" aria-hidden="true">GC</span>`,
    );
    expect(await render('github', 'GitHub')).toContain('>G</span>');
  });

  it('gives a slug the same colour on every render, whatever the name', async () => {
    const first = await render('cloudflare', 'Cloudflare');
    const again = await render('cloudflare', 'Cloudflare, renamed');
    const colour = (html: string) => /avatar-(\d+)/.exec(html)![1];
    expect(colour(again)).toBe(colour(first));
    // Fixed values: a change to the hash would recolour every vendor on every install.
    expect([avatarColour('github'), avatarColour('cloudflare'), avatarColour('aws')]).toEqual([
      2, 10, 6,
    ]);
    expect(avatarColour('')).toBe(1);
  });

  it('spreads the catalog over the whole palette', () => {
    const counts = new Array<number>(avatarColours).fill(0);
    for (const { slug } of loadCatalog().vendors) counts[avatarColour(slug)]!++;
    const fair = loadCatalog().vendors.length / avatarColours;
    for (const count of counts) {
      expect(count).toBeGreaterThan(fair / 2);
      expect(count).toBeLessThan(fair * 2);
    }
  });

  it('takes initials from letters and digits only, in any script', () => {
    expect(avatarInitials('1Password', '1password')).toBe('1');
    expect(avatarInitials('Jira Service Management', 'jira-sm')).toBe('JS');
    expect(avatarInitials('  éclair  cloud ', 'eclair')).toBe('ÉC');
    expect(avatarInitials('日本 Cloud', 'jp')).toBe('日C');
    expect(avatarInitials('<>&"\'', 'zeta')).toBe('Z');
    expect(avatarInitials('', '')).toBe('?');
  });

  it('never lets a hostile name through as markup', async () => {
    for (const name of xssVectors) {
      const html = await render('hostile', name);
      const inner =
        /^<span class="vendor-avatar avatar-\d+" aria-hidden="true">(.*)<\/span>$/s.exec(html);
      expect(inner, name).not.toBeNull();
      expect(inner![1], name).toMatch(/^[\p{L}\p{N}]{1,2}$/u);
    }
  });
});

describe('the avatar palette in app.css', () => {
  const css = readFileSync(new URL('../../assets/app.css', import.meta.url), 'utf8');
  const start = css.indexOf('/* Vendor avatars');
  const block = css.slice(start);
  const dark = block.indexOf('@media (prefers-color-scheme: dark)');
  const lightPart = block.slice(0, dark);
  const darkPart = block.slice(dark, block.indexOf('@media print'));

  function colours(part: string): Map<number, string> {
    const found = new Map<number, string>();
    for (const [, index, hex] of part.matchAll(
      /\.avatar-(\d+) \{\s*background: (#[0-9a-f]{6});/g,
    )) {
      found.set(Number(index), hex!);
    }
    return found;
  }
  function textColour(part: string): string {
    return /\.vendor-avatar \{[^}]*?\bcolor: (#[0-9a-f]{6});/.exec(part)![1]!;
  }

  it('defines every colour the component can pick, for light and for dark pages', () => {
    expect(start).toBeGreaterThan(0);
    for (const part of [lightPart, darkPart]) {
      expect([...colours(part).keys()].sort((a, b) => a - b)).toEqual(
        Array.from({ length: avatarColours }, (_, i) => i),
      );
    }
  });

  it('keeps at least 4.5:1 between the letters and every disc, in both schemes', () => {
    for (const part of [lightPart, darkPart]) {
      const text = textColour(part);
      for (const [index, background] of colours(part)) {
        expect(contrast(text, background), `avatar-${index} ${background}`).toBeGreaterThanOrEqual(
          4.5,
        );
      }
    }
  });
});

/** WCAG 2 contrast ratio of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (high + 0.05) / (low + 0.05);
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((at) => {
    const channel = parseInt(hex.slice(at, at + 2), 16) / 255;
    return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
