/**
 * The Assembler stage: the system prompt (who weft is, SOUL.md, the skill
 * catalog) and the history cut to the token budget (assembler.ts). SOUL.md
 * is read on every turn, so an edit applies to the next one.
 */
import type { WeftPaths } from '../config/paths.js';
import type { PipelineStage } from '../plugin/contract/pipeline.js';
import type { RegistrySnapshot } from '../registry/index.js';
import { assemble, type Assembled } from './assembler.js';
import { skillCatalog } from './catalog.js';
import type { ChatMessage } from './messages.js';
import { readSoul, type Soul } from './soul.js';

export const WEFT_PREAMBLE = [
  'You are weft, an agent working in the user\'s terminal.',
  'Use the tools you are given when they help; say plainly when something failed, and never claim a tool ran when it did not.',
].join(' ');

export function systemPrompt(snapshot: RegistrySnapshot, soul: Soul | undefined, catalogChars: number): string {
  const where = snapshot.workspace ? `Workspace: ${snapshot.workspace.root}` : `Working directory: ${process.cwd()}`;
  const parts = [WEFT_PREAMBLE, where];
  if (soul) parts.push(`# Standing instructions (${soul.file})\n\n${soul.text}`);
  const catalog = skillCatalog(snapshot.skills.active.values(), catalogChars);
  if (catalog.text) parts.push(catalog.text);
  return parts.join('\n\n');
}

export interface AssemblerInput {
  snapshot: RegistrySnapshot;
  history: readonly ChatMessage[];
}

export function assemblerStage(paths: WeftPaths): PipelineStage<AssemblerInput, Assembled> {
  return {
    name: 'assembler',
    run: async ({ snapshot, history }) => {
      const soul = await readSoul(paths, snapshot.workspace);
      const { catalogChars, contextTokens } = snapshot.config.agent;
      return assemble(systemPrompt(snapshot, soul, catalogChars), history, contextTokens);
    },
  };
}
