/**
 * The artifact runs with the judge's rule: no network at all. The header blocks every fetch, and its
 * `sandbox` directive keeps the page in an opaque origin even when opened outside the viewer's frame.
 */
export const ARTIFACT_CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; sandbox allow-scripts";

/** The viewer's own pages: nothing but its own origin (no CDN), frames only from itself. */
export const VIEWER_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-src 'self'; connect-src 'self'";

/**
 * For a static copy there is no server to send headers: the same policy goes first in the page, as a
 * meta element, so it holds before any of the page's own markup is read.
 */
export function withArtifactPolicyMeta(html: string): string {
  const meta = `<meta http-equiv="Content-Security-Policy" content="${ARTIFACT_CSP.replace('; sandbox allow-scripts', '')}">`;
  const doctype = /^\s*<!doctype[^>]*>/i.exec(html)?.[0] ?? '';
  return `${doctype}${meta}\n${html.slice(doctype.length)}`;
}
