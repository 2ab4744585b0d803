// `lanyard config …` commands.
import type { CliCommand } from '../command';

export const configCommands: CliCommand[] = [];
