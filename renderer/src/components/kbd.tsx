// A keyboard-shortcut hint ("Ctrl+Enter"), shown next to the control it triggers.

// Renders each key of a "Ctrl+Enter"-style combination as a <kbd>.
export function Kbd(props: { keys: string }) {
  return (
    <span className="kbd-hint">
      {props.keys.split('+').map((key, i) => (
        <kbd key={i}>{key}</kbd>
      ))}
    </span>
  );
}
