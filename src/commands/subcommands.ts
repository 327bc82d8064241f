import { UsageError } from '../plugin/errors.js';
import type { CommandInput, CommandModule } from './command.js';

export type Handler = (input: CommandInput) => Promise<number>;

/** A verb made of subcommands, each loaded on use so it pays only for what it needs (jco, the registry…). */
export function verbWithSubcommands(
  verb: Omit<CommandModule, 'run'> & { defaultSubcommand: string; subcommands: Record<string, () => Promise<Handler>> },
): CommandModule {
  const { defaultSubcommand, subcommands, ...module } = verb;
  return {
    ...module,
    async run(input) {
      const sub = input.args[0] ?? defaultSubcommand;
      const load = Object.hasOwn(subcommands, sub) ? subcommands[sub] : undefined;
      if (!load) throw new UsageError(`unknown subcommand "${verb.name} ${sub}"`, `Use one of: ${Object.keys(subcommands).join(', ')}.`);
      return (await load())(input);
    },
  };
}
