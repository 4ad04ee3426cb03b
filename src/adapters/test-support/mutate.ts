// Seeded mutations of real payloads (tests only): delete keys, swap types, unknown enum values,
// broken dates, hostile strings, duplicated items, `__proto__` keys, broken bodies. The same seed
// gives the same mutations, so a failure reproduces.

/** mulberry32: tiny, fast and good enough to pick mutations reproducibly. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Container = Record<string, unknown> | unknown[];

interface Slot {
  body: string;
  parent: Container;
  key: string | number;
}

export interface Mutation {
  bodies: Record<string, string>;
  /** What was changed, to make a failure readable. */
  description: string;
}

/** Walking stops here: a fixture is small, but the walk must stay bounded whatever it holds. */
const maxSlots = 50_000;

const replacements: ReadonlyArray<readonly [string, unknown]> = [
  ['null', null],
  ['unknown enum', 'kinda_broken'],
  ['impossible date', '2024-13-45T99:00:00Z'],
  ['date without zone', '2024-05-01 10:00:00'],
  ['number', 42],
  ['negative number', -1],
  ['boolean', true],
  ['empty string', ''],
  ['empty object', {}],
  ['empty array', []],
  ['array of junk', [null, 1, 'x', {}]],
  ['hostile string', '<script>alert(1)</script><img src=x onerror=alert(1)>\u0000\ud800'],
  ['javascript link', '<a href="javascript:alert(1)">x</a>'],
  ['numeric string', '12'],
];

const bodyReplacements: ReadonlyArray<
  readonly [string, (text: string, r: () => number) => string]
> = [
  ['truncated', (text, r) => text.slice(0, Math.floor(r() * text.length))],
  ['html', () => '<!DOCTYPE html><html><body>Just a moment...</body></html>'],
  ['empty', () => ''],
  ['null', () => 'null'],
  ['array', () => '[]'],
  ['string', () => '"x"'],
];

/** One mutated copy of `bodies`: mostly 1–3 structural edits, sometimes one broken body. */
export function mutateBodies(
  bodies: Readonly<Record<string, string>>,
  random: () => number,
): Mutation {
  const parsed: Record<string, unknown> = {};
  for (const [key, text] of Object.entries(bodies)) parsed[key] = safeParse(text);
  const names = Object.keys(bodies);
  if (random() < 0.08 && names.length > 0) {
    const name = pick(names, random);
    const [label, replace] = pick(bodyReplacements, random);
    return {
      bodies: { ...bodies, [name]: replace(bodies[name] ?? '', random) },
      description: `${name}: ${label} body`,
    };
  }
  const slots = collectSlots(parsed);
  const edits: string[] = [];
  const count = 1 + Math.floor(random() * 3);
  for (let i = 0; i < count && slots.length > 0; i += 1)
    edits.push(applyEdit(pick(slots, random), random));
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(parsed)) {
    out[key] = value === undefined ? (bodies[key] ?? '') : JSON.stringify(value);
  }
  return { bodies: out, description: edits.join('; ') };
}

function applyEdit(slot: Slot, random: () => number): string {
  const { parent, key } = slot;
  const where = `${slot.body}…${String(key)}`;
  const choice = random();
  if (choice < 0.2) {
    if (Array.isArray(parent)) parent.splice(Number(key), 1);
    else delete parent[key];
    return `${where}: deleted`;
  }
  if (choice < 0.3 && Array.isArray(parent)) {
    parent.push(structuredClone(parent[Number(key)]));
    return `${where}: duplicated`;
  }
  if (choice < 0.35 && !Array.isArray(parent)) {
    Object.defineProperty(parent, '__proto__', {
      value: { polluted: true },
      enumerable: true,
      configurable: true,
      writable: true,
    });
    return `${where}: __proto__ key added beside it`;
  }
  const [label, value] = pick(replacements, random);
  if (Array.isArray(parent)) parent[Number(key)] = structuredClone(value);
  else parent[key] = structuredClone(value);
  return `${where}: ${label}`;
}

/** Every (container, key) pair, breadth-first with an explicit queue: no recursion. */
function collectSlots(parsed: Record<string, unknown>): Slot[] {
  const slots: Slot[] = [];
  const queue: Array<{ body: string; value: unknown }> = Object.entries(parsed).map(
    ([body, value]) => ({ body, value }),
  );
  for (let head = 0; head < queue.length && slots.length < maxSlots; head += 1) {
    const { body, value } = queue[head]!;
    if (typeof value !== 'object' || value === null) continue;
    const container = value as Container;
    const keys = Array.isArray(container) ? container.map((_, i) => i) : Object.keys(container);
    for (const key of keys) {
      slots.push({ body, parent: container, key });
      queue.push({
        body,
        value: Array.isArray(container) ? container[key as number] : container[key as string],
      });
    }
  }
  return slots;
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)]!;
}
