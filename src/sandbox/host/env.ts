/**
 * get-env: a variable the plugin may read, or `null`. Only names the user
 * granted (env_vars); and a deny-list of weft's own secrets and of
 * variables that steer programs or name credentials wins over the
 * manifest unless the user passes the name in config (`allowEnv`). A
 * denied read looks exactly like an unset variable to the guest; the
 * reason goes to the audit log only. The value is never audited.
 */
import { allow, type HostContext, type Outcome } from './types.js';

/** Exact names (compared case-insensitively). */
const DENIED_NAMES = new Set([
  'PATH', 'HOME', 'USER', 'LOGNAME', 'SHELL', 'PWD', 'OLDPWD', 'MAIL', 'HISTFILE',
  'NODE_OPTIONS', 'NODE_PATH', 'NODE_EXTRA_CA_CERTS', 'NODE_TLS_REJECT_UNAUTHORIZED',
  'SSH_AUTH_SOCK', 'SSH_AGENT_PID', 'GPG_AGENT_INFO', 'DBUS_SESSION_BUS_ADDRESS', 'XAUTHORITY', 'DISPLAY',
  'KUBECONFIG', 'DOCKER_HOST', 'DOCKER_CONFIG', 'GOOGLE_APPLICATION_CREDENTIALS',
  'OPENAI_API_KEY', 'ANTHROPIC_API_KEY', 'OPENROUTER_API_KEY', 'GEMINI_API_KEY', 'GOOGLE_API_KEY',
  'GITHUB_TOKEN', 'GH_TOKEN', 'NPM_TOKEN', 'HTTP_PROXY', 'HTTPS_PROXY', 'ALL_PROXY', 'NO_PROXY',
]);

/** Prefixes: weft's own settings, loader/linker injection, cloud credentials, npm config. */
const DENIED_PREFIXES = ['CLAWFT_', 'WEFT_', 'LD_', 'DYLD_', 'AWS_', 'AZURE_', 'GCP_', 'GCLOUD_', 'NPM_CONFIG_', 'SSH_', 'GPG_'];

/** Any `_`-separated word that names a credential: FOO_TOKEN, API_KEY_ID, DB_PASSWORD, … */
const SECRET_WORD = /(?:^|_)(?:TOKEN|TOKENS|SECRET|SECRETS|KEY|KEYS|APIKEY|PASSWORD|PASSWD|PASSPHRASE|PASS|PWD|CREDENTIAL|CREDENTIALS|AUTH|PRIVATE|COOKIE|SESSION)(?:_|$)/;

/** Credential words anywhere in a name (PGPASSWORD, GITHUB_PAT, CI_JOB_JWT, SENTRY_DSN, MY_TOKEN2…). */
const SECRET_ANYWHERE = /SECRET|PASSW|APIKEY|API_KEY|CREDENTIAL|JWT|_PAT$|_DSN$|DATABASE_URL|CONNECTION_STRING|(?:^|_)TOKENS?\d*(?:_|$)/;

/** Why `name` is deny-listed, or undefined. */
export function envDenial(name: string): string | undefined {
  const upper = name.toUpperCase();
  if (DENIED_NAMES.has(upper)) return `${name} is on weft's deny-list`;
  const prefix = DENIED_PREFIXES.find((p) => upper.startsWith(p));
  if (prefix) return `${name} is on weft's deny-list (${prefix}*)`;
  if (SECRET_WORD.test(upper) || SECRET_ANYWHERE.test(upper)) return `${name} looks like a credential and is on weft's deny-list`;
  return undefined;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function getEnv(ctx: HostContext, name: string): Outcome {
  const target = String(name).slice(0, 256);
  // Every refusal returns `null` (unset), as the WIT contract says: a
  // plugin cannot tell "denied" from "not set" and probe for secrets.
  const unset = (reason: string): Outcome => ({ result: { ok: true, value: null }, target, allowed: false, reason });
  if (typeof name !== 'string' || !NAME.test(name)) return unset('not a valid variable name');
  if (!ctx.granted.env_vars.includes(name)) return unset(`${name} is not in the plugin's granted env_vars`);
  const denied = envDenial(name);
  if (denied && !(ctx.allowEnv ?? []).includes(name)) return unset(`${denied}; the user can pass it to this plugin in config (allowEnv)`);
  const value = (ctx.env ?? process.env)[name];
  if (value === undefined) return allow(target, null, 'unset');
  return allow(target, value, denied ? 'deny-listed, passed by the user (allowEnv)' : undefined);
}
