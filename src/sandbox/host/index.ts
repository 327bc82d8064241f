/** The host functions behind every plugin call (wit/plugin.wit `host`). */
export { createHost } from './host.js';
export { createConnector, defaultConnect } from './net-connect.js';
export { refusedAddress } from './net-address.js';
export { envDenial } from './env.js';
export { capUtf8, sanitizeLog } from './log.js';
export { expandPath } from './fs-paths.js';
export {
  CAPS,
  type ConnectFn, type ConnectTarget, type Host, type HostCall, type HostContext, type HostResult, type HttpResponse,
  type LogLevel, type LookupFn,
} from './types.js';
