/** Every built-in slash command, one file each (names in plugin/naming/builtins.ts, kept in step by a test). */
import type { SlashCommand } from '../types.js';
import { approve } from './approve.js';
import { clear } from './clear.js';
import { exit } from './exit.js';
import { help } from './help.js';
import { plugins } from './plugins.js';
import { reject } from './reject.js';
import { reload } from './reload.js';
import { resume } from './resume.js';
import { skill } from './skill.js';
import { skills } from './skills.js';
import { status } from './status.js';
import { tools } from './tools.js';
import { trust } from './trust.js';

export const BUILTINS: readonly SlashCommand[] = Object.freeze([approve, clear, exit, help, plugins, reject, reload, resume, skill, skills, status, tools, trust]);
export { helpText } from './help.js';
export { statusFacts, type StatusFacts } from './status.js';
export { pendingItems, type PendingItem } from './pending.js';
