// The shape every bench module's run() returns: one BENCHMARKS.md section.

/** One target from the issue, as measured by a bench. */
export interface TargetCheck {
  target: string;
  measured: string;
  met: boolean;
}

/** One section of BENCHMARKS.md (the title becomes a `##` heading); targets feed the summary table. */
export interface BenchSection {
  title: string;
  markdown: string;
  targets?: TargetCheck[];
}
