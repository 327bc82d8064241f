import { WeftError } from '../../plugin/errors.js';

/**
 * Why a core module could not be rewritten:
 * - `malformed`: the bytes are not a well-formed core module (truncated, bad LEB128, sections out of order…);
 * - `unsupported`: well-formed, but uses something the rewriter does not decode (threads, exceptions, GC,
 *   memory64, multiple memories, a component instead of a core module…);
 * - `memory-cap`: a memory's initial size is already above the cap;
 * - `options`: the caller passed impossible options.
 */
export type RewriteErrorCode = 'malformed' | 'unsupported' | 'memory-cap' | 'options';

export interface RewriteErrorWhere {
  /** Absolute byte offset in the input module. */
  offset?: number;
  /** Function index (imports included) when the problem is inside a function body. */
  functionIndex?: number;
}

/** The only error `rewriteCoreModule` throws: a typed refusal the host reports, never a crash. */
export class RewriteError extends WeftError {
  readonly code: RewriteErrorCode;
  readonly offset: number | undefined;
  readonly functionIndex: number | undefined;

  constructor(code: RewriteErrorCode, problem: string, where: RewriteErrorWhere = {}) {
    super(`wasm rewrite: ${problem}${describeWhere(where)}`, {
      code: `wasm-${code}`,
      ...(code === 'memory-cap' ? { field: 'resources.max_memory_mb', fix: 'Raise max_memory_mb or lower the module\'s initial memory.' } : {}),
    });
    this.name = 'RewriteError';
    this.code = code;
    this.offset = where.offset;
    this.functionIndex = where.functionIndex;
  }
}

function describeWhere({ offset, functionIndex }: RewriteErrorWhere): string {
  const parts: string[] = [];
  if (functionIndex !== undefined) parts.push(`in function ${functionIndex}`);
  if (offset !== undefined) parts.push(`at byte 0x${offset.toString(16)}`);
  return parts.length ? ` (${parts.join(', ')})` : '';
}

export function isRewriteError(error: unknown): error is RewriteError {
  return error instanceof RewriteError;
}
