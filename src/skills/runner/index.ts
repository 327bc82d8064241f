/** Running native-command skills: no shell, allowlisted environment, approval, deadline, output cap. */
export { runNativeSkill, DEFAULT_TIMEOUT_MS, type NativeRunContext } from './run.js';
export { expandArgv, MAX_ARG_BYTES, MAX_ARGV_BYTES } from './argv.js';
export { nativeEnv, nativeEnvNames, BASE_ENV_NAMES } from './env.js';
export { OUTPUT_CAP_BYTES } from './output.js';
export { KILL_GRACE_MS } from './group.js';
