/**
 * Size limits for a plugin component, from `sandbox.maxPluginBytes` and
 * `sandbox.maxPluginGzipBytes` in the weft config. Decision: a limit is the
 * most allowed, so a component of exactly the limit is admitted.
 */
import { DEFAULT_CONFIG, type SandboxConfig } from '../../config/types.js';

export interface AdmissionLimits {
  /** Most bytes the component file may have. */
  maxBytes: number;
  /** Most bytes the component may take gzipped (zlib gzip, default level). */
  maxGzipBytes: number;
}

export function admissionLimits(sandbox: Pick<SandboxConfig, 'maxPluginBytes' | 'maxPluginGzipBytes'> = DEFAULT_CONFIG.sandbox): AdmissionLimits {
  return { maxBytes: sandbox.maxPluginBytes, maxGzipBytes: sandbox.maxPluginGzipBytes };
}

/** 300 KiB raw, 120 KiB gzipped. */
export const DEFAULT_ADMISSION_LIMITS: Readonly<AdmissionLimits> = Object.freeze(admissionLimits());
