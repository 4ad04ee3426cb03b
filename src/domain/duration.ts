// Durations are whole seconds in JSON and short floored text for people
// (docs/contract.md#domain-model).

const minute = 60;
const hour = 60 * minute;
const day = 24 * hour;

/** `under 1m`, `45m`, `8h 20m`, `8h`, `2d 3h`, `2d` — floored, never rounded up. */
export function formatDuration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  if (seconds < minute) return 'under 1m';
  if (seconds < hour) return `${Math.floor(seconds / minute)}m`;
  if (seconds < day) {
    const h = Math.floor(seconds / hour);
    const m = Math.floor((seconds % hour) / minute);
    return m === 0 ? `${h}h` : `${h}h ${m}m`;
  }
  const d = Math.floor(seconds / day);
  const h = Math.floor((seconds % day) / hour);
  return h === 0 ? `${d}d` : `${d}d ${h}h`;
}
