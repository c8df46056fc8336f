import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock, decodeCursorAs, encodeCursor, type Page, type PageQuery, toPage } from '#core';
import type { Caller } from '#access';
import { AuditService, listReadEntry } from '#audit';
import { CaseAccessRepository, type CaseRow, grantOf } from '../access/case-access.repository.js';
import { caseNotFound } from '../case-problems.js';
import { CaseContactRepository } from '../contacts/case-contact.repository.js';
import { CaseRepository, type CaseSignalView, type CaseTeamMemberView } from '../case.repository.js';
import { allowedTransitions, closureNeedsApproval } from '../lifecycle/case-lifecycle.js';
import type { CaseState } from '../entities/case.entity.js';
import { CaseEventRepository, type CaseTimelineEvent } from '../timeline/case-event.repository.js';
import { type CaseListFilter, CaseListRepository, type CaseListRow } from './case-list.repository.js';

export interface CaseDetail extends CaseRow {
  /** The states a transition may go to from here; empty once closed (reopening has its own route). */
  allowedTransitions: readonly CaseState[];
  /** High and critical cases are closed through a closure request that a second person approves. */
  closureNeedsApproval: boolean;
  team: CaseTeamMemberView[];
  signals: CaseSignalView[];
  /** How the caller reached it: on the team, or through break-glass. */
  access: 'team' | 'break_glass';
}

/** One line of the caller's case list. */
export interface CaseListItem extends CaseListRow {
  /** Contacts that did not reach their counterpart, who has not been reached since. */
  unreachableContacts: number;
}

/** Reads of cases: each one audited, as a break-glass read where it was one. */
@Injectable()
export class CaseQueryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: CaseAccessRepository,
    private readonly cases: CaseRepository,
    private readonly list_: CaseListRepository,
    private readonly events: CaseEventRepository,
    private readonly contacts: CaseContactRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async get(caller: Caller, caseId: string): Promise<CaseDetail> {
    const detail = await this.dataSource.transaction(async (manager) => {
      const found = await this.access.findAccessible(manager, caller, caseId, this.clock.now());
      if (!found) return null;
      const { row, access } = found;
      await this.audit.record(manager, caller, {
        action: 'case.read',
        entityType: 'case',
        entityId: caseId,
        studentId: row.studentId,
        breakGlassGrantId: grantOf(access),
      });
      return {
        ...row,
        allowedTransitions: allowedTransitions(row.state),
        closureNeedsApproval: closureNeedsApproval(row.riskLevel),
        team: await this.cases.teamOf(manager, caseId),
        signals: await this.cases.signalsOf(manager, caseId),
        access: access.via,
      };
    });
    if (detail) return detail;
    await this.audit.recordAlone(caller, { action: 'case.read', outcome: 'not_found', entityType: 'case', entityId: caseId });
    throw caseNotFound();
  }

  /** The caller's cases, each with its overdue tasks and unreachable contacts at a glance. */
  async list(caller: Caller, filter: CaseListFilter, page: PageQuery): Promise<Page<CaseListItem>> {
    const rows = await this.list_.listForTeamMember(caller, filter, page, this.clock.now());
    await this.audit.recordAlone(
      caller,
      listReadEntry({ action: 'case.list', entityType: 'case', filter: { ...filter, cursor: page.cursor && 'next page' }, count: Math.min(rows.length, page.limit) }),
    );
    const unreachable = await this.contacts.unreachableCountsByCase(rows.map((r) => r.id));
    return toPage(rows, page, (r) => [r.openedAt.toISOString(), r.id], (r) => ({ ...r, unreachableContacts: unreachable.get(r.id) ?? 0 }));
  }

  /** Every event of the case in order of occurrence, reasons decrypted; audited. */
  async timeline(caller: Caller, caseId: string, page: PageQuery): Promise<Page<CaseTimelineEvent>> {
    return this.dataSource.transaction(async (manager) => {
      const found = await this.access.findAccessible(manager, caller, caseId, this.clock.now());
      if (!found) throw caseNotFound();
      const after = page.cursor ? decodeCursorAs(page.cursor, ['timestamptz', 'uuid']) : null;
      const rows = await this.events.timeline(manager, caseId, after ? { at: String(after[0]), id: String(after[1]) } : null, page.limit);
      await this.audit.record(manager, caller, {
        action: 'case.read_timeline',
        entityType: 'case',
        entityId: caseId,
        studentId: found.row.studentId,
        breakGlassGrantId: grantOf(found.access),
      });
      const kept = rows.slice(0, page.limit);
      const last = kept[kept.length - 1];
      return { items: kept, nextCursor: rows.length > page.limit && last ? encodeCursor([last.occurredAt.toISOString(), last.id]) : null };
    });
  }
}
