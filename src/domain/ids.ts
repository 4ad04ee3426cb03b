import { slugify } from './text.js';

/** vendorwatch's incident id: stable, URL-safe and unique across vendors. */
export function incidentId(vendorSlug: string, sourceId: string): string {
  return `${vendorSlug}-${slugify(sourceId) || 'x'}`;
}
