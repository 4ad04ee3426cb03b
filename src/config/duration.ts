// Config durations: "30s", "5m", "1h", "1d", or a bare number of seconds.

const units: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86_400 };
const pattern = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)$/;

/** Seconds, or null when the text is not a duration. */
export function parseDurationSeconds(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : null;
  if (typeof value !== 'string') return null;
  const match = pattern.exec(value.trim());
  if (!match) return null;
  return Number(match[1]) * units[match[2]!]!;
}
