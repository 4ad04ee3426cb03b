// vendors [QUERY]: search the built-in catalog.
import { loadCatalog, searchCatalog } from '../../config/catalog.js';
import { defineCommand, parseCommandArgs } from '../args.js';
import { print, type CommandIo } from '../io.js';
import { formatTable } from '../table.js';

export const vendorsCommand = defineCommand({
  synopsis: 'vendors [QUERY] [--json]',
  summary: 'Search the built-in catalog of vendors (all of it without a query).',
  options: { json: { type: 'boolean' } },
  help: { json: { text: 'print JSON' } },
});

export function runVendors(argv: string[], io: CommandIo): number {
  const { values, positionals } = parseCommandArgs(argv, vendorsCommand.options, 10);
  const catalog = loadCatalog();
  const found = searchCatalog(catalog, positionals.join(' '));
  if (values.json) {
    print(io.stdout, JSON.stringify({ vendors: found }, null, 2));
    return 0;
  }
  if (found.length === 0) {
    print(io.stdout, `no catalog vendor matches "${positionals.join(' ')}"`);
    return 0;
  }
  print(
    io.stdout,
    formatTable(
      ['SLUG', 'NAME', 'CATEGORY', 'PLATFORM', 'STATUS PAGE'],
      found.map((v) => [v.slug, v.name, v.category, v.platform, v.url]),
    ),
  );
  return 0;
}
