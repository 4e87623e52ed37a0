import os from 'node:os';
import path from 'node:path';

/** Where runs are stored unless --db says otherwise: $GILSCOPE_DB, else the XDG data folder. */
export function defaultDatabaseFile(env: NodeJS.ProcessEnv = process.env): string {
  if (env.GILSCOPE_DB) return env.GILSCOPE_DB;
  const dataHome = env.XDG_DATA_HOME || path.join(os.homedir(), '.local', 'share');
  return path.join(dataHome, 'gilscope', 'runs.sqlite');
}
