// Azure status RSS items name what they affect as <category> elements, services and regions
// mixed (one real item: 14 services and a region). Regions are told apart by Azure's region
// names, then by their shape ("Korea Central", "US Gov Texas"); everything else is a service.
import { cleanLabel } from '../../domain/text.js';

/** Azure's public region display names, and the words the page uses for "everywhere". */
const regionNames = new Set(
  [
    'Global',
    'Non-Regional',
    'Multiple Regions',
    'Multi-region',
    'East US',
    'East US 2',
    'East US 3',
    'Central US',
    'North Central US',
    'South Central US',
    'West Central US',
    'West US',
    'West US 2',
    'West US 3',
    'Canada Central',
    'Canada East',
    'Brazil South',
    'Brazil Southeast',
    'Mexico Central',
    'Chile Central',
    'North Europe',
    'West Europe',
    'UK South',
    'UK West',
    'France Central',
    'France South',
    'Germany West Central',
    'Germany North',
    'Switzerland North',
    'Switzerland West',
    'Norway East',
    'Norway West',
    'Sweden Central',
    'Sweden South',
    'Poland Central',
    'Italy North',
    'Spain Central',
    'Austria East',
    'Belgium Central',
    'Denmark East',
    'Finland Central',
    'Greece Central',
    'East Asia',
    'Southeast Asia',
    'Japan East',
    'Japan West',
    'Korea Central',
    'Korea South',
    'Australia East',
    'Australia Southeast',
    'Australia Central',
    'Australia Central 2',
    'Central India',
    'South India',
    'West India',
    'Jio India West',
    'Jio India Central',
    'UAE North',
    'UAE Central',
    'Qatar Central',
    'Israel Central',
    'South Africa North',
    'South Africa West',
    'New Zealand North',
    'Indonesia Central',
    'Malaysia West',
    'Taiwan North',
  ].map((name) => name.toLowerCase()),
);

/** A place followed by a compass word, or a sovereign cloud's region; never a product name. */
const regionShape =
  /^(?:(?:us (?:gov|dod)|china) [a-z ]+|[a-z]+(?: [a-z]+)? (?:east|west|north|south|central|southeast|northeast)(?: \d)?)$/i;
const productWord = /\b(?:azure|microsoft|service|services|database|storage|network)\b/i;

export interface FeedCategory {
  text: string;
  /** RSS `domain` attribute, when the feed sets one. */
  domain: string | null;
}

export function splitCategories(categories: readonly FeedCategory[]): {
  services: string[];
  regions: string[];
} {
  const services: string[] = [];
  const regions: string[] = [];
  for (const { text, domain } of categories) {
    const name = cleanLabel(text);
    if (name === '') continue;
    const target = isRegion(name, domain) ? regions : services;
    if (!target.includes(name)) target.push(name);
  }
  return { services, regions };
}

function isRegion(name: string, domain: string | null): boolean {
  if (domain !== null && /region/i.test(domain)) return true;
  if (domain !== null && /service|product/i.test(domain)) return false;
  if (regionNames.has(name.toLowerCase())) return true;
  return regionShape.test(name) && !productWord.test(name);
}
