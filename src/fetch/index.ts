// The fetch layer's public API: the fetcher, its contract and the address guard for other entry
// points (webhook URLs, config validation).
export { createFetcher } from './fetcher.js';
export type { FetcherConfig } from './fetcher.js';
export { checkUrl, checkUrlSyntax, isGlobalAddress, addressRefusal } from './address-guard.js';
export type {
  AddressPolicy,
  UrlCheck,
  UrlRefusal,
  UrlSyntaxCheck,
  UrlHost,
} from './address-guard.js';
export { parseRetryAfter } from './retry-after.js';
export { fetchErrorKinds, defaultFetcherSettings } from './types.js';
export type {
  ConditionalValidators,
  FetchErrorKind,
  FetchFailure,
  FetchOptions,
  FetchResult,
  Fetcher,
  FetcherSettings,
} from './types.js';
