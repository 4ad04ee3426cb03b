// The regions an incident names apart from its components (Azure's region categories). Shown only
// when the vendor names some: most platforms have no such field.
import type { FC } from 'hono/jsx';

export const IncidentRegions: FC<{ regions: readonly string[] }> = ({ regions }) =>
  regions.length === 0 ? null : (
    <section aria-labelledby="regions-title">
      <h2 id="regions-title">Affected regions</h2>
      <ul class="chips" data-testid="regions">
        {regions.map((name) => (
          <li>{name}</li>
        ))}
      </ul>
    </section>
  );
