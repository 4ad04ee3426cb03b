// The signed-in account, handed to every component of a page while it renders (the layout's
// header and ProtectedForm read it), so page handlers need not thread it through their views.
import { createContext, useContext } from 'hono/jsx';
import type { Child } from 'hono/jsx';
import type { Viewer } from '../../auth/viewer.js';

/** undefined: the app runs without accounts; null: nobody is signed in. */
type PageViewer = Viewer | null | undefined;

const ViewerContext = createContext<PageViewer>(undefined);

export function withViewer(viewer: PageViewer, page: Child) {
  return <ViewerContext.Provider value={viewer}>{page}</ViewerContext.Provider>;
}

export function useViewer(): PageViewer {
  return useContext(ViewerContext);
}
