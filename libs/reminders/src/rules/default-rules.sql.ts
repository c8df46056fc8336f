import type { EntityManager } from 'typeorm';
import { DEFAULT_RULES } from './rule-catalogue.js';

const COLUMNS = ['code', 'window_kind', 'subjects', 'recipients', 'done_when', 'due_after_days', 'repeat_every_days', 'title_zh', 'title_en'] as const;

/**
 * Gives every school (or one) the default rules it does not have yet, in one statement. Safe to
 * run from every sweep and on several instances: the (school, code) key makes it a no-op once
 * done, and never touches a rule an administrator changed or switched off.
 */
export async function ensureDefaultRules(manager: EntityManager, schoolId?: string): Promise<void> {
  const values: unknown[] = [];
  const rows = DEFAULT_RULES.map((rule) => {
    const cells = [rule.code, rule.windowKind, rule.subjects, rule.recipients, rule.doneWhen, rule.dueAfterDays, rule.repeatEveryDays, rule.titleZh, rule.titleEn];
    const placeholders = cells.map((cell) => {
      values.push(cell);
      return `$${values.length}`;
    });
    return `(${placeholders[0]}, ${placeholders.slice(1, 5).join(', ')}, ${placeholders[5]}::smallint, ${placeholders[6]}::smallint, ${placeholders[7]}, ${placeholders[8]})`;
  });
  values.push(schoolId ?? null);
  await manager.query(
    `INSERT INTO reminder_rules (school_id, ${COLUMNS.join(', ')})
     SELECT s.id, d.* FROM schools s CROSS JOIN (VALUES ${rows.join(', ')}) AS d(${COLUMNS.join(', ')})
      WHERE $${values.length}::uuid IS NULL OR s.id = $${values.length}::uuid
     ORDER BY s.id, d.code
     ON CONFLICT ON CONSTRAINT reminder_rules_school_code_key DO NOTHING`,
    values,
  );
}
