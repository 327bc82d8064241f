/**
 * The REPL's built-in slash commands, by name. They are here (not in
 * slash/) because the registry needs them too: a skill whose slash name is
 * a built-in's loses it, and that collision must show in `weft skill list`
 * as well as in the REPL. slash/ implements each; a test keeps the two in step.
 */
export const BUILTIN_SLASH_NAMES: readonly string[] = Object.freeze([
  'approve', 'clear', 'exit', 'help', 'plugins', 'quit', 'reject', 'reload', 'resume', 'skill', 'skills', 'status', 'tools', 'trust',
]);
