// `lanyard directory …` commands.
import type { CliCommand } from '../command';

export const directoryCommands: CliCommand[] = [];
