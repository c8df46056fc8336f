import type { FieldError } from '#core';
import type { ActivityKind, ActivityMaterial } from '../entities/index.js';
import type { MaterialDto, PlanActivityDto, UpdateActivityDto } from './activity.dtos.js';

/** What is planned about an activity besides its topics and target classes. */
export interface ActivityDetails {
  kind: ActivityKind;
  title: string;
  startsAt: Date;
  endsAt: Date;
  place: string | null;
  link: string | null;
  deliveredByUserId: string | null;
  deliveredByName: string | null;
  materials: ActivityMaterial[];
}

const materialsOf = (materials: MaterialDto[] | undefined): ActivityMaterial[] =>
  (materials ?? []).map((m) => ({ title: m.title ?? null, url: m.url }));

export function detailsOfPlan(dto: PlanActivityDto): ActivityDetails {
  return {
    kind: dto.kind,
    title: dto.title,
    startsAt: new Date(dto.startsAt),
    endsAt: new Date(dto.endsAt),
    place: dto.place ?? null,
    link: dto.link ?? null,
    deliveredByUserId: dto.deliveredByUserId ?? null,
    deliveredByName: dto.deliveredByName ?? null,
    materials: materialsOf(dto.materials),
  };
}

/**
 * The details after an edit: absent fields keep their value, `null` clears place or link, and
 * naming a new speaker one way (staff member or name) clears the other way.
 */
export function editedDetails(current: ActivityDetails, dto: UpdateActivityDto): ActivityDetails {
  const keep = <T>(value: T | undefined, old: T): T => (value === undefined ? old : value);
  return {
    kind: keep(dto.kind, current.kind),
    title: keep(dto.title, current.title),
    startsAt: dto.startsAt === undefined ? current.startsAt : new Date(dto.startsAt),
    endsAt: dto.endsAt === undefined ? current.endsAt : new Date(dto.endsAt),
    place: keep(dto.place, current.place),
    link: keep(dto.link, current.link),
    deliveredByUserId: dto.deliveredByUserId !== undefined ? dto.deliveredByUserId : dto.deliveredByName ? null : current.deliveredByUserId,
    deliveredByName: dto.deliveredByName !== undefined ? dto.deliveredByName : dto.deliveredByUserId ? null : current.deliveredByName,
    materials: dto.materials === undefined ? current.materials : materialsOf(dto.materials),
  };
}

/** The rules no single field can check: a time span, somewhere to be, one person delivering. */
export function activityDetailProblems(details: ActivityDetails): FieldError[] {
  const problems: FieldError[] = [];
  if (details.endsAt.getTime() <= details.startsAt.getTime()) problems.push({ field: 'endsAt', message: 'must be after startsAt' });
  if (!details.place && !details.link) problems.push({ field: 'place', message: 'a place or a link is required' });
  if (details.deliveredByUserId && details.deliveredByName) {
    problems.push({ field: 'deliveredByName', message: 'give deliveredByUserId or deliveredByName, not both' });
  } else if (!details.deliveredByUserId && !details.deliveredByName) {
    problems.push({ field: 'deliveredByUserId', message: 'who delivers it is required (or deliveredByName for an outside speaker)' });
  }
  return problems;
}

/** Dates by instant, lists by content with keys sorted (jsonb reorders an object's keys). */
const comparable = (value: unknown): unknown =>
  value instanceof Date
    ? value.getTime()
    : Array.isArray(value)
      ? JSON.stringify(value, (_key, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort()) : v))
      : value;

/** The names of the details an edit really changes, for the update and its audit entry. */
export function changedDetails(current: ActivityDetails, edited: ActivityDetails): (keyof ActivityDetails)[] {
  return (Object.keys(edited) as (keyof ActivityDetails)[]).filter((key) => comparable(current[key]) !== comparable(edited[key]));
}
