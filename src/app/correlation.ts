// The grouping settings a poller commits with: the window from the config, each vendor's declared
// upstreams (its config entry's, else the catalog's, so vendors added at run time by catalog slug
// have theirs too), and the router for the outage event.
import type { AppConfig } from '../config/load.js';
import { dependenciesOf } from '../config/load.js';
import { loadCatalog } from '../config/catalog.js';
import type { Dependency } from '../domain/correlation.js';
import type { RoutedDelivery } from '../domain/delivery.js';
import type { RouteEvent } from '../domain/routing.js';
import type { CorrelationSettings } from '../store/index.js';

export function correlationSettings(
  config: AppConfig,
  routeEvent: RouteEvent,
): CorrelationSettings {
  const catalog = loadCatalog();
  const configured = new Map(config.vendors.map((vendor) => [vendor.slug, vendor.dependsOn ?? []]));
  const fromCatalog = new Map<string, Dependency[]>();
  return {
    windowSeconds: config.correlationWindowSeconds,
    dependsOn: (slug) => {
      const own = configured.get(slug);
      if (own) return own;
      let known = fromCatalog.get(slug);
      if (!known) {
        known = dependenciesOf(catalog.bySlug.get(slug)?.dependsOn, 'catalog');
        fromCatalog.set(slug, known);
      }
      return known;
    },
    route: (event, vendors) =>
      routeEvent(event, {
        incident: null,
        updateComponents: null,
        notifiedTargets: [],
        vendors,
      }).map((entry): RoutedDelivery =>
        typeof entry === 'string' ? { target: entry, kind: 'event' } : entry,
      ),
  };
}
