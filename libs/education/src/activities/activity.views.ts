import type { Uuid } from '#core';
import type { ActivityKind, ActivityMaterial, ActivityStatus, DeliveryStatus } from '../entities/index.js';
import type { ActivityTopicRow, DeliverySummaryRow } from './activity-links.repository.js';
import type { ActivityRow } from './activity.repository.js';

export interface ActivityTopicView {
  id: Uuid;
  code: string;
  nameZh: string;
  nameEn: string;
}

/** The current confirmation of a delivery, in short (the delivery's own route gives it whole). */
export interface DeliveryConfirmationSummary {
  revision: number;
  presentCount: number;
  classSize: number;
  missedCount: number;
  confirmedBy: Uuid;
  confirmedAt: Date;
}

/** One target class of the activity and where its confirmation stands. */
export interface DeliverySummaryView {
  id: Uuid;
  classId: Uuid;
  className: string;
  gradeName: string;
  status: DeliveryStatus;
  /** The version a confirmation (or correction) must be based on. */
  version: number;
  confirmation: DeliveryConfirmationSummary | null;
}

/** Who delivers an activity: a staff member (userId set, their display name) or an outside speaker (name only). */
export interface ActivitySpeaker {
  userId: Uuid | null;
  name: string;
}

export interface ActivityView {
  id: Uuid;
  kind: ActivityKind;
  title: string;
  topics: ActivityTopicView[];
  startsAt: Date;
  endsAt: Date;
  place: string | null;
  link: string | null;
  deliveredBy: ActivitySpeaker;
  materials: ActivityMaterial[];
  status: ActivityStatus;
  cancelledAt: Date | null;
  cancelReason: string | null;
  /** The user who planned it. */
  plannedBy: Uuid;
  /** The target classes the caller may see: all of them for counselors and administrators. */
  deliveries: DeliverySummaryView[];
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

function deliveryView(row: DeliverySummaryRow): DeliverySummaryView {
  return {
    id: row.id,
    classId: row.classId,
    className: row.className,
    gradeName: row.gradeName,
    status: row.status,
    version: row.version,
    confirmation:
      row.revision === null
        ? null
        : {
            revision: row.revision,
            presentCount: row.presentCount as number,
            classSize: row.classSize as number,
            missedCount: row.missedCount as number,
            confirmedBy: row.confirmedBy as string,
            confirmedAt: row.confirmedAt as Date,
          },
  };
}

/** Puts a page of activities together with their topics and deliveries, fetched for the whole page at once. */
export function activityViews(rows: ActivityRow[], topics: ActivityTopicRow[], deliveries: DeliverySummaryRow[]): ActivityView[] {
  const group = <T extends { activityId: string }>(items: T[]) => {
    const byActivity = new Map<string, T[]>();
    for (const item of items) byActivity.set(item.activityId, [...(byActivity.get(item.activityId) ?? []), item]);
    return byActivity;
  };
  const topicsByActivity = group(topics);
  const deliveriesByActivity = group(deliveries);
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    title: row.title,
    topics: (topicsByActivity.get(row.id) ?? []).map(({ id, code, nameZh, nameEn }) => ({ id, code, nameZh, nameEn })),
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    place: row.place,
    link: row.link,
    deliveredBy: { userId: row.deliveredByUserId, name: row.deliveredByDisplayName ?? row.deliveredByName ?? '' },
    materials: row.materials,
    status: row.status,
    cancelledAt: row.cancelledAt,
    cancelReason: row.cancelReason,
    plannedBy: row.createdBy,
    deliveries: (deliveriesByActivity.get(row.id) ?? []).map(deliveryView),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    version: row.version,
  }));
}
