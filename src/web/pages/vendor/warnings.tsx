// What the adapter could not read on the vendor's last parsed poll (unknown values, skipped items,
// cuts): shown folded, so a format change at the vendor is visible without crowding the page.
import type { FC } from 'hono/jsx';

export const AdapterWarnings: FC<{ warnings: readonly string[] }> = ({ warnings }) =>
  warnings.length === 0 ? null : (
    <details class="adapter-warnings" data-testid="adapter-warnings">
      <summary>
        vendorwatch could not read everything on this page ({warnings.length}{' '}
        {warnings.length === 1 ? 'note' : 'notes'})
      </summary>
      <ul>
        {warnings.map((warning) => (
          <li>{warning}</li>
        ))}
      </ul>
    </details>
  );
