// The run's headline figures as cards: wall, CPU, parallelism, GIL contention, GIL enabled, exit.
import type { RunSummary } from '../../../../main/shared/run-summary-types.ts';
import { formatPercent, formatRatio, formatSeconds, plural } from '../../logic/format.ts';

function gilEnabledText(summary: RunSummary): string {
  if (summary.gilEnabled === null) return 'unknown';
  const first = summary.gilEnabled ? 'on' : 'off';
  if (summary.gilEnabledChanges.length === 0) return first;
  return `${first}, then ${summary.gilEnabledChanges.map((c) => `${c.enabled ? 'on' : 'off'} at ${formatSeconds(c.timeSeconds)}`).join(', ')}`;
}

// The error itself (often long) is shown in full under the cards; the card keeps the short fact.
function exitText(summary: RunSummary): string {
  if (summary.signal) return `signal ${summary.signal}`;
  if (summary.exitCode !== null) return `exit code ${summary.exitCode}`;
  return summary.error ? 'error' : summary.status;
}

// One card per figure, each with a one-line explanation.
export function SummaryCards(props: { summary: RunSummary }) {
  const s = props.summary;
  const cards: Array<{ id: string; label: string; value: string; note: string; tone?: 'bad' | 'good' }> = [
    {
      id: 'wall',
      label: 'Wall time',
      value: formatSeconds(s.wallSeconds),
      note: `${plural(s.samples, 'tick')} at ${s.rateHz} Hz`,
    },
    {
      id: 'cpu',
      label: 'CPU time',
      value: formatSeconds(s.cpuSeconds),
      note: plural(s.threads.length, 'thread'),
    },
    {
      id: 'parallelism',
      label: 'Parallelism',
      value: formatRatio(s.parallelism),
      note: 'CPU ÷ wall: cores busy on average',
    },
    {
      id: 'contention',
      label: 'GIL contention',
      value: s.gil ? formatPercent(s.gil.contention) : '—',
      note: s.gil ? `held ${formatPercent(s.gil.heldFraction)} of the time` : 'GIL state not readable',
      tone: s.gil && s.gil.contention > 0.2 ? 'bad' : undefined,
    },
    {
      id: 'gil-enabled',
      label: 'GIL enabled',
      value: gilEnabledText(s),
      note: `mode ${s.gilMode}${s.interpreter?.freeThreaded ? ', free-threaded build' : ''}`,
    },
    {
      id: 'exit',
      label: 'Exit',
      value: exitText(s),
      note: s.error ?? s.status,
      tone: s.status === 'failed' ? 'bad' : s.status === 'completed' ? 'good' : undefined,
    },
  ];
  return (
    <div className="cards" data-testid="run-summary-cards">
      {cards.map((card) => (
        <div key={card.id} className={`card${card.tone ? ` card-${card.tone}` : ''}`} data-testid={`card-${card.id}`}>
          <div className="card-label">{card.label}</div>
          <div className="card-value" title={card.value}>
            {card.value}
          </div>
          <div className="card-note" title={card.note}>
            {card.note}
          </div>
        </div>
      ))}
    </div>
  );
}
