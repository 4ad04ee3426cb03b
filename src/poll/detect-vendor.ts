// Adding a vendor at run time (CLI `add`, POST /api/v1/vendors): the pasted URL and the URL it
// resolves to both pass the address guard, the platform is detected, and a slug is suggested.
import { slugify } from '../domain/text.js';
import type { Platform } from '../domain/vocabulary.js';
import { checkUrl, type AddressPolicy } from '../fetch/address-guard.js';
import type { Fetcher } from '../fetch/types.js';
import { detectPlatform, type Confidence } from './detect.js';

type VendorDetection =
  | {
      ok: true;
      platform: Platform;
      confidence: Confidence;
      evidence: string;
      /** The URL to store (normalized by detection: a feed URL, a status.io page id…). */
      statusPageUrl: string;
      suggestedSlug: string;
      suggestedName: string;
    }
  | {
      ok: false;
      /** True when the address guard refused the URL (not a detection failure). */
      refused: boolean;
      error: string;
      tried: string[];
    };

type DetectVendor = (url: string, signal?: AbortSignal) => Promise<VendorDetection>;

export function createVendorDetector(fetcher: Fetcher, policy: AddressPolicy): DetectVendor {
  return async (url, signal) => {
    const pasted = await checkUrl(url.trim(), policy);
    if (!pasted.ok) return { ok: false, refused: true, error: pasted.reason, tried: [] };
    const detection = await detectPlatform(fetcher, pasted.url.href, { signal });
    if (!detection.ok) {
      const refused = detection.error.startsWith('refused by the address guard');
      return { ok: false, refused, error: detection.error, tried: detection.tried };
    }
    const stored = await checkUrl(detection.statusPageUrl, policy);
    if (!stored.ok) {
      const error = `the page resolves to ${detection.statusPageUrl}, which is refused: ${stored.reason}`;
      return { ok: false, refused: true, error, tried: detection.tried };
    }
    const label = hostLabel(new URL(detection.statusPageUrl));
    return {
      ok: true,
      platform: detection.platform,
      confidence: detection.confidence,
      evidence: detection.evidence,
      statusPageUrl: detection.statusPageUrl,
      suggestedSlug: suggestSlug(label),
      suggestedName: label,
    };
  };
}

/** The part of a status host that names the vendor: status.acme.com, acmestatus.com → acme. */
function hostLabel(url: URL): string {
  const labels = url.hostname
    .toLowerCase()
    .replace(/\.$/, '')
    .split('.')
    .filter((label) => !['www', 'status', 'statuspage'].includes(label));
  const first = labels[0] ?? url.hostname;
  const trimmed = first.replace(/-?status$/, '');
  return trimmed === '' ? first : trimmed;
}

function suggestSlug(label: string): string {
  return slugify(label).slice(0, 63).replace(/-+$/, '') || 'vendor';
}
