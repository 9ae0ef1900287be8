import type { RunProgress } from '../../../shared/contracts/runs';

export type { RunProgress };

/**
 * How far the runs started on this server have got, in memory: the run record says a run is
 * going; this says which file it is at, for the admin page to poll.
 */
const createProgressService = () => {
  const active = new Map<string, RunProgress>();

  return {
    begin(runId: string) {
      active.set(runId, { runId, done: 0, total: 0, counts: null, file: null });
    },

    update(runId: string, progress: Omit<RunProgress, 'runId'>) {
      if (active.has(runId)) active.set(runId, { runId, ...progress });
    },

    end(runId: string) {
      active.delete(runId);
    },

    get(runId: string): RunProgress | null {
      return active.get(runId) ?? null;
    },

    /** A run started here that has not finished yet, if any. */
    current(): RunProgress | null {
      return active.values().next().value ?? null;
    },
  };
};

export type ProgressService = ReturnType<typeof createProgressService>;
export default createProgressService;
