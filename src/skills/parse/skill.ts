/** Builds a ParsedSkill from the text of one SKILL.md: the pure core of parsing. */
import { findCommandLines } from '../substitute.js';
import type { ParsedSkill } from '../types.js';
import { FieldReader } from './fields.js';
import { emptySkill } from './guard.js';
import { reportUnknownKeys } from './keys.js';
import { readManifest } from './manifest.js';
import { readMetadata } from './metadata.js';
import { resolveName } from './name.js';
import { SkillReport } from './report.js';
import { splitFrontmatter } from './split.js';
import { checkSize } from './size.js';
import { readWeftTool } from './weft-tool.js';
import { readFrontmatter } from './yaml-block.js';

/** At most this many `command-not-executed` notes per file; the last one says how many more. */
const MAX_COMMAND_NOTES = 5;

export function buildSkill(text: string, file: string, report: SkillReport): ParsedSkill {
  const skill = emptySkill(file, report);
  const dirName = skill.name;
  if (!checkSize(text, report)) return skill;
  const split = splitFrontmatter(text);
  if (split.kind === 'none') {
    skill.body = split.text;
    report.add('no-frontmatter', 'The file does not start with a --- frontmatter block, so it has no name or description; OpenClaw skips it too.', `Start the file with:\n---\nname: ${dirName}\ndescription: What this skill does and when to use it.\n---`, { line: 1 });
    return skill;
  }
  if (split.kind === 'unclosed') {
    skill.body = split.text;
    report.add('frontmatter-unclosed', 'The frontmatter opened with --- on line 1 is never closed: no later line starts with ---.', 'Add a line --- after the last frontmatter key.', { line: 1 });
    return skill;
  }
  skill.body = split.body;
  skill.bodyLine = split.bodyLine;
  const fm = readFrontmatter(split.block, report);
  skill.frontmatter = fm.fields;
  const fields = new FieldReader(fm, report);

  skill.name = resolveName(fields.text('name'), dirName, report, fields.where('name'));
  const description = fields.text('description');
  if (description) skill.description = description;
  else report.add('no-description', 'The frontmatter has no description, so the skill is not loaded: agents choose skills by their description.', 'Add description: <what this skill does and when to use it> to the frontmatter.', fields.where('description'));

  const version = fields.text('version');
  if (version) skill.version = version;
  skill.userInvocable = fields.bool('user-invocable', true);
  skill.disableModelInvocation = fields.bool('disable-model-invocation', false);
  const hint = fields.text('argument-hint', true);
  if (hint) skill.argumentHint = hint;
  skill.allowedTools = fields.toolList('allowed-tools');
  readCommandTool(fields, skill);
  reportUnknownKeys(Object.keys(fm.fields), fields, report);

  const metadataLine = fields.line('metadata');
  const metadata = readMetadata(fields.raw('metadata'), report, fields.where('metadata'));
  if (metadata) skill.metadata = metadata;
  const manifest = readManifest(metadata, report, metadataLine);
  if (manifest) skill.openclaw = manifest;
  const tool = readWeftTool(metadata, report, metadataLine);
  if (tool) skill.weftTool = tool;

  noteCommands(skill.body, split.bodyLine, report);
  skill.loaded = skill.description !== undefined && !report.hasErrors();
  return skill;
}

function readCommandTool(fields: FieldReader, skill: ParsedSkill): void {
  const dispatch = fields.text('command-dispatch');
  if (dispatch === undefined || dispatch === '') return;
  if (dispatch !== 'tool') {
    fields.invalid('command-dispatch', dispatch, '"tool" (the only dispatch OpenClaw knows)');
    return;
  }
  const tool = fields.text('command-tool');
  if (tool) skill.commandTool = tool;
  else fields.invalid('command-tool', fields.raw('command-tool'), 'the name of the tool that command-dispatch: tool sends the command to');
}

function noteCommands(body: string, bodyLine: number, report: SkillReport): void {
  const commands = findCommandLines(body);
  commands.slice(0, MAX_COMMAND_NOTES).forEach((c, i) => {
    const more = i === MAX_COMMAND_NOTES - 1 && commands.length > MAX_COMMAND_NOTES ? ` (${commands.length - MAX_COMMAND_NOTES} more like it are not listed)` : '';
    report.add('command-not-executed', `Claude Code would run \`${c.command}\` before showing these instructions; weft never runs it, so the model sees the text as written${more}.`, 'Tell the model to run the command itself, or give the skill a metadata.weft tool.', { line: bodyLine + c.line - 1 });
  });
}
