// A vendor's initial-letter avatar: no logo is fetched from anywhere. The colour comes from the
// slug, so a vendor looks the same on every page and every install; the palette lives in app.css
// (a class per colour, since the Content-Security-Policy forbids inline styles) with a light and
// a dark pair each, both checked for contrast in vendor-avatar.test.tsx.
import type { FC } from 'hono/jsx';

/** How many colours app.css defines (`.vendor-avatar.avatar-0` … `avatar-11`). */
export const avatarColours = 12;

/** FNV-1a over the slug's UTF-16 units: cheap, stable across runs and platforms. */
export function avatarColour(slug: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < slug.length; i++) {
    hash ^= slug.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % avatarColours;
}

/**
 * Up to two initials: the first letter or digit of the name's first two words ("Google Cloud" →
 * "GC", "GitHub" → "G"). Only letters and digits are taken, so markup in a name never reaches
 * the avatar; a name with none falls back to the slug's first character.
 */
export function avatarInitials(name: string, slug: string): string {
  const words = name.match(/[\p{L}\p{N}]+/gu) ?? [];
  const initials = words
    .slice(0, 2)
    .map((word) => Array.from(word)[0]!.toLocaleUpperCase('en'))
    .join('');
  return initials || (Array.from(slug)[0] ?? '?').toUpperCase();
}

/** Decorative: the vendor's name always stands next to it, so screen readers skip it. */
export const VendorAvatar: FC<{ slug: string; name: string }> = ({ slug, name }) => (
  <span class={`vendor-avatar avatar-${avatarColour(slug)}`} aria-hidden="true">
    {avatarInitials(name, slug)}
  </span>
);
