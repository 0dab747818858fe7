import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';

/**
 * The user's cache folder for memtui: `$XDG_CACHE_HOME/memtui`, else `~/.cache/memtui` (the
 * XDG Base Directory spec: a relative XDG_CACHE_HOME is invalid and must be ignored).
 */
export function cacheFolder(env: NodeJS.ProcessEnv = process.env): string {
  const xdg = env.XDG_CACHE_HOME;
  const base = xdg !== undefined && isAbsolute(xdg) ? xdg : join(env.HOME ?? homedir(), '.cache');
  return join(base, 'memtui');
}
