/** Shared by the approvals store tests. */
import fs from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'vitest';
import { WeftError } from '../../src/plugin/errors.js';

/** `n` fresh folders `<home>/<prefix>-<i>`, to trust as workspaces. */
export async function makeWorkspaces(home: string, n: number, prefix = 'ws'): Promise<string[]> {
  const dirs = Array.from({ length: n }, (_, i) => path.join(home, `${prefix}-${i}`));
  await Promise.all(dirs.map((d) => fs.mkdir(d)));
  return dirs;
}

/** The WeftError a promise rejects with (fails the test if it resolves or throws something else). */
export async function caught(promise: Promise<unknown>): Promise<WeftError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(WeftError);
  return error as WeftError;
}
