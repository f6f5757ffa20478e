import { describe, expect, it } from 'vitest';
import { lacksItsPassword, redisConnection, withoutPassword } from './queue-connection.js';

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

describe('withoutPassword', () => {
  it('replaces the password of a queue URL (what bench.json and console lines keep) and nothing else', () => {
    expect(withoutPassword('redis://bench:p%40ss@10.0.0.5:6380/2')).toBe('redis://bench:***@10.0.0.5:6380/2');
    expect(withoutPassword('rediss://:secret@lab')).toBe('rediss://:***@lab');
    expect(withoutPassword('redis://127.0.0.1:6379')).toBe('redis://127.0.0.1:6379');
  });

  it('marks a stored URL that cannot connect without its password', () => {
    expect(lacksItsPassword(withoutPassword('redis://:secret@lab:6379'))).toBe(true);
    expect(lacksItsPassword('redis://:secret@lab:6379')).toBe(false);
    expect(lacksItsPassword('redis://lab:6379')).toBe(false);
  });
});
