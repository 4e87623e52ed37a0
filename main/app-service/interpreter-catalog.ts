// The interpreter picker's data: discovery (probe results are cached on disk by the engine; the list
// itself is kept here until a refresh) plus the interpreters the user added by path.
import {
  discoverInterpreters,
  probeInterpreter,
  type Discovery,
  type Interpreter,
} from '../engine/interpreters/index.ts';
import type { InterpreterView, ResponseOf } from '../shared/api-contract.ts';
import { readUserInterpreters, rememberUserInterpreter } from './user-interpreters.ts';

/** How discovery is run: the engine's function by default; tests may pass an environment. */
export interface CatalogOptions {
  /** JSON file of user-added interpreter paths. */
  userFile: string;
  env?: NodeJS.ProcessEnv;
}

// What the picker shows of an interpreter.
export function toInterpreterView(interpreter: Interpreter): InterpreterView {
  return {
    path: interpreter.path,
    version: interpreter.version,
    freeThreaded: interpreter.freeThreaded,
    gilEnabledByDefault: interpreter.gilEnabledByDefault,
    source: interpreter.source,
  };
}

// Lists and adds interpreters for the UI.
export class InterpreterCatalog {
  private readonly options: CatalogOptions;
  private discovery: Promise<Discovery> | null = null;

  constructor(options: CatalogOptions) {
    this.options = options;
  }

  /** Discovered + user-added interpreters; `refresh` scans again instead of reusing the last scan. */
  async list(refresh: boolean): Promise<ResponseOf<'interpreters:list'>> {
    if (refresh || !this.discovery) {
      const scan = discoverInterpreters({
        extraPaths: readUserInterpreters(this.options.userFile),
        env: this.options.env,
      });
      this.discovery = scan;
      scan.catch(() => {
        if (this.discovery === scan) this.discovery = null; // a failed scan is not cached
      });
    }
    const discovery = await this.discovery;
    return {
      interpreters: discovery.interpreters.map(toInterpreterView),
      rejected: discovery.rejected.map((rejection) => ({ path: rejection.path, message: rejection.message })),
    };
  }

  /** Probes `path`; a usable CPython is remembered and appears in the next list. */
  async add(path: string): Promise<ResponseOf<'interpreters:add'>> {
    const probe = await probeInterpreter(path, { env: this.options.env });
    if (probe.kind !== 'ok') return { kind: 'rejected', message: probe.message };
    try {
      rememberUserInterpreter(this.options.userFile, path);
    } catch (error) {
      return {
        kind: 'rejected',
        message: `${path} works, but could not be remembered in ${this.options.userFile}: ${(error as Error).message}`,
      };
    }
    this.discovery = null;
    return { kind: 'ok', interpreter: toInterpreterView({ ...probe.interpreter, source: 'user' }) };
  }
}
