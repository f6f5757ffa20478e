import { existsSync, realpathSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';

/** True when `child` is `parent` or lies below it (both absolute). */
function isInside(parent: string, child: string): boolean {
  const path = relative(parent, child);
  return path === '' || (!path.startsWith('..') && !isAbsolute(path));
}

/**
 * The folders the viewer may read. A *location* names a place inside them as `<root index>/<path>`, the
 * only form the API accepts: `..`, `.`, backslashes, NUL and symbolic links that lead out of the root are
 * refused, so nothing outside the roots given is ever read.
 */
export class ViewerRoots {
  readonly directories: readonly string[];
  private readonly realDirectories: readonly string[];

  constructor(directories: readonly string[]) {
    this.directories = directories.map((directory) => resolve(directory));
    this.realDirectories = this.directories.map((directory) => (existsSync(directory) ? realpathSync(directory) : directory));
  }

  /** The absolute path of a location, or undefined when it is malformed, outside every root or missing. */
  resolve(location: string): string | undefined {
    const match = /^(\d+)(?:\/(.*))?$/s.exec(location);
    if (!match) return undefined;
    const index = Number(match[1]);
    const root = this.directories[index];
    const realRoot = this.realDirectories[index];
    if (root === undefined || realRoot === undefined) return undefined;
    const rest = match[2] ?? '';
    if (rest.includes('\0') || rest.includes('\\')) return undefined;
    const segments = rest.split('/').filter((segment) => segment !== '');
    if (segments.some((segment) => segment === '..' || segment === '.')) return undefined;
    const candidate = join(root, ...segments);
    if (!isInside(root, candidate) || !existsSync(candidate)) return undefined;
    // A symbolic link may point anywhere: judge where it really leads.
    const real = realpathSync(candidate);
    return isInside(realRoot, real) ? candidate : undefined;
  }

  /** The location of an absolute path inside one of the roots, or undefined. */
  locate(path: string): string | undefined {
    const absolute = resolve(path);
    for (const [index, root] of this.directories.entries()) {
      if (!isInside(root, absolute)) continue;
      const location = `${index}/${relative(root, absolute).split(sep).join('/')}`.replace(/\/$/, '');
      if (this.resolve(location) !== undefined) return location;
    }
    return undefined;
  }
}

/** A location one level further down: `0/run_x` + `round_1` → `0/run_x/round_1`. */
export function childLocation(location: string, ...names: string[]): string {
  return [location, ...names].join('/');
}
