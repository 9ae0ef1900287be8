import type { Counts, Run } from './types';

export const formatDate = (value: string | null) => (value ? new Date(value).toLocaleString() : '—');

export const formatDuration = (startedAt: string, finishedAt: string | null) => {
  if (!finishedAt) return '—';
  const ms = new Date(finishedAt).getTime() - new Date(startedAt).getTime();
  if (ms < 1000) return `${ms} ms`;
  const seconds = ms / 1000;
  return seconds < 60 ? `${seconds.toFixed(1)} s` : `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
};

const COUNT_LABELS: Array<[keyof Counts, string]> = [
  ['created', 'created'],
  ['updated', 'updated'],
  ['unchanged', 'unchanged'],
  ['duplicate', 'duplicate'],
  ['failed', 'failed'],
  ['conflicted', 'with conflicts'],
];

export const formatCounts = (counts: Counts | null) =>
  counts
    ? COUNT_LABELS.filter(([key]) => counts[key] > 0)
        .map(([key, label]) => `${counts[key]} ${label}`)
        .join(', ') || 'no files'
    : '—';

/** `cli`, `cron`, `admin`, or `api (scraper-token)`: a push names its API token. */
export const formatTrigger = (run: Pick<Run, 'trigger' | 'actor'>) => (run.actor ? `${run.trigger} (${run.actor})` : run.trigger);
