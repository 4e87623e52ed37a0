// "work.py:17" as a link that opens the source view at that line (pseudo-files such as <string> stay text).
import { baseName } from '../../logic/format.ts';

// The full path shows on hover; `onOpen` gets the file as the stacks name it.
export function SourceLink(props: { file: string; line: number; onOpen: (file: string, line: number) => void }) {
  const label = `${baseName(props.file)}:${props.line}`;
  if (props.file.startsWith('<') || props.file === '' || props.file === '?')
    return <span title={`${props.file}:${props.line}`}>{label}</span>;
  return (
    <button
      type="button"
      className="link mono source-link"
      data-testid="source-link"
      title={`Open ${props.file} at line ${props.line}`}
      onClick={() => props.onOpen(props.file, props.line)}
    >
      {label}
    </button>
  );
}
