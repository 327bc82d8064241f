/**
 * parseSkillFile: the async read, with plain callback fs calls (about twice
 * as fast as FileHandle): open without blocking (a FIFO must not hang us),
 * fstat (only regular files are read; one over the limit is never read),
 * then read.
 */
import { close, constants, fstat, open, read } from 'node:fs';
import path from 'node:path';
import type { ParsedSkill } from '../types.js';
import { guarded } from './guard.js';
import { fromBytes, readFailed, tooLarge } from './read.js';
import { SkillReport } from './report.js';
import { MAX_SKILL_FILE_BYTES } from './size.js';

type Read = { bytes: Uint8Array } | { size: number };

export async function parseSkillFile(file: string): Promise<ParsedSkill> {
  const abs = path.resolve(file);
  const report = new SkillReport(abs);
  let got: Read;
  try {
    got = await readCapped(abs);
  } catch (err) {
    return readFailed(abs, err, report);
  }
  if ('size' in got) return tooLarge(abs, got.size, report);
  const { bytes } = got;
  return guarded(abs, report, (r) => fromBytes(bytes, abs, r));
}

function readCapped(file: string): Promise<Read> {
  return new Promise((resolve, reject) => {
    open(file, constants.O_RDONLY | constants.O_NONBLOCK, (openErr, fd) => {
      if (openErr) return reject(openErr);
      const done = (err: Error | null, result?: Read) => {
        close(fd, () => {});
        if (err) reject(err);
        else resolve(result!);
      };
      fstat(fd, (statErr, stats) => {
        if (statErr) return done(statErr);
        if (!stats.isFile()) return done(Object.assign(new Error('not a regular file'), { code: 'ENOTFILE' }));
        if (stats.size > MAX_SKILL_FILE_BYTES) return done(null, { size: stats.size });
        readRest(fd, Buffer.allocUnsafe(stats.size), 0, done);
      });
    });
  });
}

function readRest(fd: number, buffer: Buffer, offset: number, done: (err: Error | null, result?: Read) => void): void {
  if (offset >= buffer.length) return done(null, { bytes: buffer });
  read(fd, buffer, offset, buffer.length - offset, offset, (err, n) => {
    if (err) return done(err);
    if (n === 0) return done(null, { bytes: buffer.subarray(0, offset) });
    readRest(fd, buffer, offset + n, done);
  });
}
