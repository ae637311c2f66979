import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../migrations';

describe('migrations/index.ts', () => {
  it('lists every migration file, in order', () => {
    const files = readdirSync(new URL('../../migrations', import.meta.url))
      .filter((file) => /^\d{4}_.+\.ts$/.test(file))
      .map((file) => file.replace(/\.ts$/, ''));
    expect(Object.keys(migrations)).toEqual(files.sort());
  });
});
