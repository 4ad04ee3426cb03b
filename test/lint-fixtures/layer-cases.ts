// Imports linted as if they sat at `path` (which need not exist): the layer rule must refuse
// the forbidden ones however many folders deep they are, and let the permitted ones through.

export interface LayerCase {
  name: string;
  /** Where the importing file would be, relative to the repository. */
  path: string;
  code: string;
  /** The import refused, or null when it is permitted. */
  refused: string | null;
}

export const layerCases: LayerCase[] = [
  {
    name: 'domain, three folders deep, into store',
    path: 'src/domain/x/y/deep.ts',
    code: "import type { Store } from '../../../store/index.js';\nexport type S = Store;\n",
    refused: '../../../store/index.js',
  },
  {
    name: 'web, three folders deep, into notify',
    path: 'src/web/x/y/deep.ts',
    code: "export { routeEvent } from '../../../notify/router.js';\n",
    refused: '../../../notify/router.js',
  },
  {
    name: 'store, one folder deep, into notify (what the old rule saw too)',
    path: 'src/store/deep.ts',
    code: "import type { OutboxPort } from '../notify/port.js';\nexport type P = OutboxPort;\n",
    refused: '../notify/port.js',
  },
  {
    name: 'a dynamic import from deep in adapters into the store',
    path: 'src/adapters/x/y/z/deep.ts',
    code: "export const load = () => import('../../../../store/index.js');\n",
    refused: '../../../../store/index.js',
  },
  {
    name: 'config into an adapter other than the registry',
    path: 'src/config/deep.ts',
    code: "export type { PlatformAdapter } from '../adapters/types.js';\n",
    refused: '../adapters/types.js',
  },
  {
    name: 'web, three folders deep, into the store (permitted)',
    path: 'src/web/x/y/deep.ts',
    code: "import type { Store } from '../../../store/index.js';\nexport type S = Store;\n",
    refused: null,
  },
  {
    name: 'domain, three folders deep, into domain (permitted)',
    path: 'src/domain/x/y/deep.ts',
    code: "export { addSeconds } from '../../time.js';\n",
    refused: null,
  },
  {
    name: 'config into the platform registry (permitted)',
    path: 'src/config/deep.ts',
    code: "export { getAdapter } from '../adapters/registry.js';\n",
    refused: null,
  },
];
