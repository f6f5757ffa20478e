import { describe, expect, it } from 'vitest';
import { redisConnection } from './queue-connection.js';

describe('redisConnection', () => {
  it('reads host, port, credentials and database from a Redis URL', () => {
    expect(redisConnection('redis://lab-redis:6380/2')).toEqual({ host: 'lab-redis', port: 6380, db: 2, maxRetriesPerRequest: null });
    expect(redisConnection('rediss://bench:p%40ss@10.0.0.5')).toMatchObject({ host: '10.0.0.5', port: 6379, username: 'bench', password: 'p@ss', tls: {} });
  });

  it('rejects what is not a Redis URL with an actionable message', () => {
    expect(() => redisConnection('localhost:6379')).toThrow(/must start with redis:\/\//);
    expect(() => redisConnection('not a url')).toThrow(/must be a Redis URL/);
    expect(() => redisConnection('redis://host:6379/two')).toThrow(/database .* must be a number/);
  });
});
