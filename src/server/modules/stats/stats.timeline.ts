import { today } from '../../calendar.js';
import { ACTIVE_STAGES } from './stats.schema.js';

/** What the timeline needs of a project. */
export interface TimelineProject {
  stage: string;
  starts_on: string | null;
  ends_on: string | null;
  created_at: string;
}

/** A stage change, dated in Beijing time. */
export interface StageEvent {
  date: string;
  from: string;
  to: string;
}

const ACTIVE: ReadonlySet<string> = new Set(ACTIVE_STAGES);
const TERMINAL: ReadonlySet<string> = new Set(['concluded', 'not_passed', 'terminated']);
export const isActiveStage = (stage: string | null) => stage !== null && ACTIVE.has(stage);

/** The plain date (UTC+8) of an ISO instant. */
export const dateOf = (iso: string) => today(new Date(iso));

/**
 * A project's stage over time, from its transitions. A project without transitions (imported or
 * historic) is read from its dates: a running one is active from its start; a finished one was
 * active from `starts_on` until `ends_on`; any other stage holds from its creation.
 */
export class ProjectTimeline {
  private readonly created: string;

  private readonly events: readonly StageEvent[];

  constructor(
    private readonly p: TimelineProject,
    events: readonly StageEvent[],
  ) {
    this.created = dateOf(p.created_at);
    // A project recorded after it had started (its approval entered late): it ran from its start date.
    const firstActive = events.find((e) => isActiveStage(e.to));
    this.events =
      firstActive && p.starts_on && p.starts_on < firstActive.date
        ? [{ date: p.starts_on, from: firstActive.from, to: firstActive.to }, ...events]
        : events;
  }

  /** The stage at the end of the day, or null before the project existed. */
  stageAt(d: string): string | null {
    const { p, events } = this;
    if (events.length > 0) {
      const first = events[0];
      if (d < this.created && d < first.date) return null;
      let s = first.from;
      for (const e of events) if (e.date <= d) s = e.to;
      return s;
    }
    if (isActiveStage(p.stage)) {
      const born = p.starts_on && p.starts_on < this.created ? p.starts_on : this.created;
      return d >= born ? p.stage : null;
    }
    if (TERMINAL.has(p.stage) && p.starts_on) {
      if (d < p.starts_on) return null;
      return d < this.finished() ? 'in_progress' : p.stage;
    }
    return d >= this.created ? p.stage : null;
  }

  /** When a finished project without transitions finished. */
  private finished(): string {
    return this.p.ends_on ?? this.created;
  }

  /** In an active stage on some day of [from, to]. */
  activeDuring(from: string, to: string): boolean {
    if (isActiveStage(this.stageAt(from))) return true;
    if (this.events.length > 0) return this.events.some((e) => e.date > from && e.date <= to && isActiveStage(e.to));
    const { p } = this;
    if (isActiveStage(p.stage)) {
      const born = p.starts_on && p.starts_on < this.created ? p.starts_on : this.created;
      return born <= to;
    }
    if (TERMINAL.has(p.stage) && p.starts_on)
      return p.starts_on <= to && p.starts_on < this.finished() && this.finished() > from;
    return false;
  }

  /** Active in the window, or changed stage in it (or was created in it). */
  touched(from: string, to: string): boolean {
    if (this.activeDuring(from, to)) return true;
    if (this.events.length > 0) return this.events.some((e) => e.date >= from && e.date <= to);
    if (this.created >= from && this.created <= to) return true;
    return TERMINAL.has(this.p.stage) && this.finished() >= from && this.finished() <= to;
  }

  /** Days in [from, to] on which it entered `stage`. */
  entered(stage: string, from: string, to: string): boolean {
    const { p } = this;
    if (this.events.length > 0) return this.events.some((e) => e.to === stage && e.date >= from && e.date <= to);
    if (stage === 'approved') {
      const start = p.starts_on;
      return start !== null && (isActiveStage(p.stage) || TERMINAL.has(p.stage)) && start >= from && start <= to;
    }
    if (TERMINAL.has(stage) && p.stage === stage) return this.finished() >= from && this.finished() <= to;
    return false;
  }
}
