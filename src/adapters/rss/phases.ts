// Feed labels to phases. Statuspage writes display names ("In progress"); incident.io writes
// "Status: Resolved" inside the content. "Update" means the phase did not change.
import type { IncidentKind, Phase } from '../../domain/vocabulary.js';
import { lookup } from '../parse-kit/lenient.js';

const labelPhases: Readonly<Record<string, Phase>> = {
  investigating: 'investigating',
  identified: 'identified',
  monitoring: 'monitoring',
  resolved: 'resolved',
  postmortem: 'postmortem',
  scheduled: 'scheduled',
  'in progress': 'in_progress',
  in_progress: 'in_progress',
  verifying: 'verifying',
  completed: 'completed',
};

const maintenancePhaseSet = new Set<Phase>(['scheduled', 'in_progress', 'verifying', 'completed']);

/** Incident phases seen inside a maintenance entry, mapped onto the maintenance lifecycle. */
const asMaintenancePhase: Readonly<Record<Phase, Phase>> = {
  investigating: 'in_progress',
  identified: 'in_progress',
  monitoring: 'verifying',
  resolved: 'completed',
  postmortem: 'completed',
  scheduled: 'scheduled',
  in_progress: 'in_progress',
  verifying: 'verifying',
  completed: 'completed',
};

/** The phase a label names; null for "Update" and for labels we do not know. */
export function phaseOfLabel(label: string): Phase | null {
  return lookup(labelPhases, label.trim().toLowerCase().replace(/\s+/g, ' ')) ?? null;
}

export function isMaintenancePhase(phase: Phase): boolean {
  return maintenancePhaseSet.has(phase);
}

export function phaseForKind(phase: Phase, kind: IncidentKind): Phase {
  return kind === 'maintenance' ? asMaintenancePhase[phase] : phase;
}

/** Phase stated in free-form content or title: "Status: Resolved", "[Resolved] …". */
export function statedPhase(title: string, text: string): Phase | null {
  const status = /\bstatus:\s*([a-z_]+)(?:\s+([a-z]+))?/i.exec(text.slice(0, 500));
  const fromStatus = status
    ? (phaseOfLabel(`${status[1]} ${status[2] ?? ''}`) ?? phaseOfLabel(status[1]!))
    : null;
  if (fromStatus) return fromStatus;
  const prefix =
    /^\s*[[(]?\s*(resolved|completed|investigating|identified|monitoring|scheduled)\b/i.exec(title);
  return prefix ? phaseOfLabel(prefix[1]!) : null;
}
