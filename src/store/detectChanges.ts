import type { Ministry, Question } from '../corpus/types';
import type { EventKind } from './types';

export interface DetectedEvent {
  kind: EventKind;
  detail: Record<string, unknown>;
}

function sameMinistry(a: Ministry | null, b: Ministry | null): boolean {
  if (!a || !b) return a === b;
  if (a.organeRef && b.organeRef) return a.organeRef === b.organeRef;
  return a.name === b.name;
}

/**
 * Events between the stored version of a question (`before`, null when the uid is new) and the incoming one.
 * - new uid: 'new_question'; when it already arrives answered or withdrawn, also 'new_answer' / 'closed'
 *   (the answer or closure is news as well: nobody saw the question pending).
 * - an answer appears (none before): 'new_answer' { date, page }.
 * - the status becomes withdrawn: 'closed' { code, label, date }.
 * - the ministry history grows or the current ministry changes: 'transfer' { from, to, date }.
 * Pure: the caller decides whether anything changed at all (content hash) and stores the events.
 */
export function detectChanges(before: Question | null, after: Question): DetectedEvent[] {
  const events: DetectedEvent[] = [];
  if (!before) {
    events.push({
      kind: 'new_question',
      detail: {
        legislature: after.legislature,
        number: after.number,
        type: after.type,
        date: after.question?.joDate ?? null,
      },
    });
  }
  if (after.answer && !before?.answer) {
    events.push({ kind: 'new_answer', detail: { date: after.answer.joDate, page: after.answer.joPage } });
  }
  if (after.status === 'withdrawn' && before?.status !== 'withdrawn') {
    events.push({
      kind: 'closed',
      detail: {
        code: after.closure?.code ?? null,
        label: after.closure?.label ?? null,
        date: after.closure?.date ?? null,
      },
    });
  }
  if (before) {
    const grew = after.ministryHistory.length > before.ministryHistory.length;
    const moved = !sameMinistry(before.ministryAssigned, after.ministryAssigned);
    if ((grew || moved) && after.ministryAssigned) {
      const last = after.ministryHistory[after.ministryHistory.length - 1];
      events.push({
        kind: 'transfer',
        detail: {
          from: before.ministryAssigned?.name ?? null,
          to: after.ministryAssigned.name,
          date: last?.date ?? null,
        },
      });
    }
  }
  return events;
}
