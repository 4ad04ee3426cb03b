// The signed-in account, handed to every component of a page while it renders (the layout's
// header and ProtectedForm read it), so page handlers need not thread it through their views.
import { createContext, useContext } from 'hono/jsx';
import type { Child } from 'hono/jsx';
import type { Viewer } from '../../auth/viewer.js';

const ViewerContext = createContext<Viewer | null>(null);

export function withViewer(viewer: Viewer | null, page: Child) {
  return <ViewerContext.Provider value={viewer}>{page}</ViewerContext.Provider>;
}

export function useViewer(): Viewer | null {
  return useContext(ViewerContext);
}
