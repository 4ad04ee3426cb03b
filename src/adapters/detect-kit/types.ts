// How a platform is recognised from a pasted URL. Each adapter describes its own rules; the
// detection walk (known hosts, the page's HTML, JSON probes, feeds) reads them from the registry
// and attaches the owning platform, so a rule can only ever vouch for its own platform.

export type Confidence = 'high' | 'medium';

/** What one rule concluded from a body. */
export interface Verdict {
  confidence: Confidence;
  evidence: string;
}

/** A host whose name alone says the platform: one request then confirms it. */
export interface HostMatch {
  /** The page URL the adapter is configured with (its endpoints derive from it). */
  statusPageUrl: string;
  evidence: string;
}

export interface JsonProbe {
  /** Requested under the page base; probes of several platforms on one path share the request. */
  path: string;
  classify(body: string, path: string): Verdict | null;
  /** The page URL to configure, from the (possibly redirected) base. */
  pageUrl(base: string): string;
  /** Only probed when a hint names this platform (it costs a request on every page). */
  hintedOnly?: boolean;
}

export interface HtmlMarker {
  /** Matched against the start of the page's HTML. */
  pattern: RegExp | ((html: string) => boolean);
  evidence: string;
  /** Looked for after every platform's own markers, and only while this platform has none. */
  fallback?: boolean;
}

/** A page id that lives only in the page's HTML, so the HTML alone can decide. */
export interface HtmlPageId {
  find(html: string): { pageId: string; confidence: Confidence; evidence: string } | null;
  pageUrl(origin: string, pageId: string): string;
}

interface FeedRule {
  /** Conventional feed paths under a page base, tried after the advertised feeds. */
  paths: readonly string[];
  /** The feed's kind as shown in evidence ('RSS', 'Atom'), or null when the body is none. */
  kindOf(body: string): string | null;
}

export interface PlatformDetection {
  knownHost?(url: URL): HostMatch | null;
  /** What confirming a known host asks for: its first required endpoint, as JSON by default. */
  confirmAs?: 'json' | 'feed';
  /** Hosting domains (`.example.io`) whose pages are probed for this platform first. */
  hostingDomains?: readonly string[];
  htmlMarkers?: readonly HtmlMarker[];
  htmlPageId?: HtmlPageId;
  jsonProbes?: readonly JsonProbe[];
  feed?: FeedRule;
}
