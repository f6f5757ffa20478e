import open from 'open';

/** `--open`: the system's way of opening a URL (xdg-open, open, start), through the well-kept `open` package. */
export async function openInBrowser(url: string): Promise<void> {
  const child = await open(url);
  // No browser on this machine (a server, CI) must not crash the viewer: the URL is printed anyway.
  child.on('error', () => {});
  child.unref();
}
