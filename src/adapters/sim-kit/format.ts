// What an adapter hands the simulator to serve its platform: the paths it answers and how each
// body is rendered from the shared page model. The HTTP layer only ever sees the strings.
import type { SimVendorIdentity, SimVendorState } from './types.js';

export interface SimFormat {
  /** Request path → endpoint name; any other path answers 404. */
  paths: Readonly<Record<string, string>>;
  contentType: string;
  render(
    endpoint: string,
    identity: SimVendorIdentity,
    state: SimVendorState,
    pageUrl: string,
  ): string;
}

export const jsonContentType = 'application/json; charset=utf-8';
