/** Every built-in slash command, one file each (names in plugin/naming/builtins.ts, kept in step by a test). */
import type { SlashCommand } from '../types.js';
import { approve, reject, trust } from './approvals.js';
import { help } from './help.js';
import { plugins, skills, tools } from './listings.js';
import { clear, exit, reload } from './simple.js';
import { skill } from './skill.js';
import { status } from './status.js';

export const BUILTINS: readonly SlashCommand[] = Object.freeze([approve, clear, exit, help, plugins, reject, reload, skill, skills, status, tools, trust]);
export { helpText } from './help.js';
export { statusFacts, type StatusFacts } from './status.js';
export { pendingItems, type PendingItem } from './pending.js';
