import { Badge } from '@strapi/design-system';
import type { Outcome, RunStatus } from '../types';

const RUN_VARIANTS: Record<RunStatus, 'success' | 'danger' | 'warning' | 'secondary'> = {
  running: 'secondary',
  succeeded: 'success',
  failed: 'danger',
  skipped: 'warning',
};

const OUTCOME_VARIANTS: Record<Outcome, 'success' | 'primary' | 'neutral' | 'danger' | 'warning'> = {
  created: 'success',
  updated: 'primary',
  unchanged: 'neutral',
  failed: 'danger',
  duplicate: 'warning',
};

export const RunStatusBadge = ({ status }: { status: RunStatus }) => <Badge variant={RUN_VARIANTS[status]}>{status}</Badge>;

export const OutcomeBadge = ({ outcome }: { outcome: Outcome }) => <Badge variant={OUTCOME_VARIANTS[outcome]}>{outcome}</Badge>;
