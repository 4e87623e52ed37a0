// App commands shared by keyboard shortcuts, buttons and (in Electron) the native menu: a view
// registers the handler it owns while mounted; the shell dispatches by name.
import { createContext, useContext, useEffect, useRef } from 'react';

// Every command the shell can dispatch.
export type CommandName = 'open-script' | 'profile' | 'stop';

// Handlers by name; a view's handler replaces the shell's default while the view is mounted.
export type CommandRegistry = Map<CommandName, () => void>;

// Provided by the app shell.
export const CommandsContext = createContext<CommandRegistry>(new Map());

// Registers `handler` for `name` while the calling component is mounted (always the latest closure).
export function useCommand(name: CommandName, handler: () => void): void {
  const registry = useContext(CommandsContext);
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(() => {
    const run = () => ref.current();
    registry.set(name, run);
    return () => {
      if (registry.get(name) === run) registry.delete(name);
    };
  }, [registry, name]);
}

// Maps a keydown to a command: Ctrl/Cmd+O, Ctrl/Cmd+Enter, Ctrl/Cmd+. (null for anything else).
export function commandForKey(event: {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}): CommandName | null {
  if (!(event.ctrlKey || event.metaKey) || event.altKey) return null;
  if (event.key === 'o' || event.key === 'O') return 'open-script';
  if (event.key === 'Enter') return 'profile';
  if (event.key === '.') return 'stop';
  return null;
}
