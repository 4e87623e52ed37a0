// The script's output as it arrives: appended to the DOM incrementally, bounded by the store's
// line ring (2,000 lines), stderr tinted, auto-scrolling while the user is at the bottom.
import { useRef } from 'react';
import { useFrameLoop } from '../../canvas/use-frame-loop.ts';
import type { LiveRunStore, OutputLine } from '../../logic/live-run-store.ts';

// Renders store.output into a <pre>, touching only new or grown lines.
export function LiveOutputPane(props: { store: LiveRunStore }) {
  const preRef = useRef<HTMLPreElement>(null);
  const rendered = useRef<Array<{ line: OutputLine; el: HTMLElement }>>([]);
  const drawnVersion = useRef(-1);

  useFrameLoop(() => {
    const pre = preRef.current;
    const { store } = props;
    if (!pre || drawnVersion.current === store.version()) return;
    drawnVersion.current = store.version();
    const atBottom = pre.scrollHeight - pre.scrollTop - pre.clientHeight < 24;
    const lines = store.output.toArray();
    const shown = rendered.current;
    // Where the last rendered line now sits in the ring; everything after it is new.
    const lastShown = shown[shown.length - 1];
    const from = lastShown ? lines.lastIndexOf(lastShown.line) : -1;
    if (lastShown && from === -1) {
      pre.replaceChildren();
      shown.length = 0;
    }
    if (lastShown && from !== -1) lastShown.el.textContent = `${lastShown.line.text}\n`;
    const fragment = document.createDocumentFragment();
    for (let i = from + 1; i < lines.length; i++) {
      const line = lines[i]!;
      const el = document.createElement('span');
      if (line.stream === 'stderr') el.className = 'stderr';
      el.textContent = `${line.text}\n`;
      fragment.append(el);
      shown.push({ line, el });
    }
    pre.append(fragment);
    while (shown.length > store.output.capacity) shown.shift()!.el.remove();
    if (atBottom) pre.scrollTop = pre.scrollHeight;
    pre.dataset.empty = shown.length === 0 ? 'true' : 'false';
  });

  return <pre ref={preRef} className="output-pane" data-testid="output-pane" data-empty="true" aria-live="off" />;
}
