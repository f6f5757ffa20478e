import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OutputDirectoryInUseError } from './errors.js';
import { lockOutputDirectory } from './output-directory-lock.js';

describe('lockOutputDirectory', () => {
  it('refuses a second holder at once, naming the first, and frees the directory on release', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'ndli-lock-'));
    const release = await lockOutputDirectory(directory);
    const second = lockOutputDirectory(directory);
    await expect(second).rejects.toBeInstanceOf(OutputDirectoryInUseError);
    await expect(second).rejects.toMatchObject({ code: 'OUTPUT_DIRECTORY_IN_USE', message: expect.stringContaining(`pid ${process.pid}`) });
    await release();
    const again = await lockOutputDirectory(directory);
    await again();
  });
});
