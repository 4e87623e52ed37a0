// The timeline's geometry in CSS pixels, shared by the drawing (canvas/draw-timeline.ts) and the
// pointer hit-test (logic/timeline-hit.ts) so a tooltip always describes the pixels under it.
export const timelineLayout = { gutter: 150, gilHeight: 36, cpuHeight: 14, bandHeight: 14, gap: 6, axis: 20 } as const;

// Canvas height for a timeline with `threads` lanes.
export function timelineHeight(threads: number, hasGil: boolean): number {
  const { gilHeight, cpuHeight, bandHeight, gap, axis } = timelineLayout;
  return axis + (hasGil ? gilHeight + gap : 0) + threads * (cpuHeight + bandHeight + gap);
}
