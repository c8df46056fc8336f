import { RANK_OF_LEVEL_SQL, SIGNAL_RULES } from './risk-level.js';

const quoted = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');
const caseOf = (column: string, map: Record<string, string>) =>
  `CASE ${column} ${Object.entries(map)
    .map(([from, level]) => `WHEN '${from}' THEN array_position(ARRAY['none', 'low', 'moderate', 'high', 'critical'], '${level}') - 1`)
    .join(' ')} ELSE 0 END`;

/**
 * Every signal of the target students as (student_id, rank, detail), given `$1` the school,
 * `$2` the student ids and `$3` now. One part per kind of signal: alerts, open flags, the risk
 * level of an open case (a counselor's judgement), screening results.
 */
export const RISK_SIGNALS_SQL = `
  SELECT a.student_id, ${caseOf('a.severity', SIGNAL_RULES.alertLevel)} AS rank, 'alert:' || a.severity AS detail
    FROM alerts a
   WHERE a.school_id = $1 AND a.student_id = ANY($2::uuid[])
     AND a.raised_at > $3::timestamptz - interval '${SIGNAL_RULES.alertWindowDays} days'
  UNION ALL
  SELECT f.student_id, ${caseOf('f.severity', SIGNAL_RULES.flagLevel)}, 'flag:' || f.severity
    FROM concern_flags f
   WHERE f.school_id = $1 AND f.student_id = ANY($2::uuid[])
     AND f.status IN (${quoted(SIGNAL_RULES.activeFlagStatuses)})
  UNION ALL
  SELECT c.student_id, ${caseOf('c.risk_level', SIGNAL_RULES.caseLevel)}, 'case:' || c.risk_level
    FROM cases c
   WHERE c.school_id = $1 AND c.student_id = ANY($2::uuid[]) AND c.state <> 'closed'
  UNION ALL
  SELECT r.student_id,
         CASE WHEN cardinality(r.critical_items_hit) > 0 THEN ${RANK_OF_LEVEL_SQL("'critical'")}
              ELSE COALESCE(${RANK_OF_LEVEL_SQL('m.risk_level')}, 0) END,
         'screening:' || r.instrument_code || ':' || CASE WHEN cardinality(r.critical_items_hit) > 0 THEN 'critical_item' ELSE COALESCE(r.band_code, 'unbanded') END
    FROM (
      -- Each student's latest response per instrument: a newer screening supersedes an older one.
      SELECT DISTINCT ON (sr.student_id, sr.instrument_code) sr.student_id, sr.instrument_code, sr.band_code, sr.critical_items_hit
        FROM screening_responses sr
       WHERE sr.school_id = $1 AND sr.student_id = ANY($2::uuid[])
         AND sr.administered_at > $3::timestamptz - interval '${SIGNAL_RULES.screeningWindowDays} days'
       ORDER BY sr.student_id, sr.instrument_code, sr.administered_at DESC, sr.id DESC) r
    LEFT JOIN screening_band_risk m ON m.instrument_code = r.instrument_code AND m.band_code = r.band_code`;
