// Numbered migrations, tracked by PRAGMA user_version. Add a file per version; never edit a shipped one.
import type Database from 'better-sqlite3';
import { m001Initial } from './001-initial';

export interface Migration {
  version: number;
  name: string;
  up(db: Database.Database): void;
}

export const migrations: Migration[] = [m001Initial];

export const latestSchemaVersion = migrations[migrations.length - 1]!.version;
