// The last line of defence of the "never throw" rule: a bug in a normalizer becomes a failed
// parse for this vendor's poll, with a reason, instead of an exception in the poll cycle.
import type { PlatformAdapter } from '../types.js';

type Parse = PlatformAdapter['parse'];

export function neverThrows(parse: Parse): Parse {
  return (bodies, context) => {
    try {
      return parse(bodies, context);
    } catch (error) {
      const reason = error instanceof Error ? error.message.slice(0, 200) : 'unknown error';
      return { ok: false, error: `adapter failed unexpectedly: ${reason}` };
    }
  };
}
