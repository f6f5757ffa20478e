export { startViewer, ViewerStartError, type RunningViewer, type StartViewerOptions } from './server/start-viewer.js';
export { exportViewer, type ExportSummary } from './server/export-viewer.js';
export { createViewerApp, type ViewerAppOptions } from './server/create-viewer-app.js';
export { ViewerRoots } from './server/viewer-roots.js';
export { ensureUiBundle } from './server/ui-assets.js';
export type * from './shared/view-model.js';
export { openInBrowser } from './server/open-browser.js';
