import type { RedisOptions } from 'bullmq';
import { OrchestratorError } from '../../errors.js';

/** One queue for every bench: a worker serves whichever bench enqueues (jobs carry their plan). */
export const TRIAL_QUEUE_NAME = 'ndli-trials';

/**
 * `redis://[user:password@]host[:port][/db]` (or `rediss://` for TLS) → ioredis options.
 * `maxRetriesPerRequest: null` is what BullMQ requires of workers' connections: a command waits for
 * Redis to come back instead of failing the job.
 */
export function redisConnection(url: string): RedisOptions {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new OrchestratorError('USAGE', `--queue must be a Redis URL, got "${url}".`, 'Pass e.g. --queue redis://127.0.0.1:6379 (Redis started once, reachable from every machine).');
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new OrchestratorError('USAGE', `--queue must start with redis:// or rediss://, got "${url}".`, 'Pass e.g. --queue redis://127.0.0.1:6379.');
  }
  const database = parsed.pathname.replace(/^\//, '');
  if (database !== '' && !/^\d+$/.test(database)) throw new OrchestratorError('USAGE', `The Redis database in "${url}" must be a number.`, 'e.g. redis://host:6379/2');
  return {
    host: parsed.hostname,
    port: parsed.port === '' ? 6379 : Number(parsed.port),
    ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
    ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
    ...(database !== '' ? { db: Number(database) } : {}),
    ...(parsed.protocol === 'rediss:' ? { tls: {} } : {}),
    maxRetriesPerRequest: null,
  };
}

/** What a queue URL's password is shown and stored as. */
const REDACTED_PASSWORD = '***';

/**
 * The queue URL as it may be written down (bench.json, console lines, logs): its password, if any, replaced by
 * `***`. Whoever can read a bench directory or a CI log must not learn the Redis password.
 */
export function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (!parsed.password) return url;
    parsed.password = REDACTED_PASSWORD;
    return parsed.toString();
  } catch {
    return url;
  }
}

/** True for a URL whose password was left out by withoutPassword (it cannot connect as it is). */
export function lacksItsPassword(url: string): boolean {
  try {
    return new URL(url).password === REDACTED_PASSWORD;
  } catch {
    return false;
  }
}
