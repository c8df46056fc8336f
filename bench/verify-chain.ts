/**
 * The audit-verification job, run by the benchmark as a child process of its own so that its
 * peak memory is its own: `node dist/bench/verify-chain.js` with DATABASE_URL. It walks every
 * school's chain with the application's verification (AuditTrailService.verify, the code behind
 * `GET /audit-events/verify`, in its batches) and prints one JSON line: entries checked, time,
 * peak RSS, and the first broken entry if any.
 */
// First: it loads reflect-metadata before any decorated class.
import { runChildJob } from './child-job.js';
import type { DataSource } from 'typeorm';
import type { Caller } from '#access';
import { auditAnchorConfigFromEnvironment, AuditTrailService } from '#audit';
import { AuditEventRepository } from '../libs/audit/src/trail/audit-event.repository.js';

export interface ChainVerificationReport {
  ok: boolean;
  schools: number;
  checked: number;
  seconds: number;
  /** Peak resident set size of this process, in MiB. */
  peakRssMiB: number;
  /** Resident set size before the first batch (TypeORM and the pool loaded), in MiB. */
  startRssMiB: number;
  broken: { schoolId: string; seq: string }[];
}

async function verifyEveryChain(dataSource: DataSource): Promise<ChainVerificationReport> {
  const trail = new AuditTrailService(new AuditEventRepository(dataSource), auditAnchorConfigFromEnvironment());
  const schools = await dataSource.query<{ id: string }[]>('SELECT id FROM schools ORDER BY code');
  const startRssMiB = process.memoryUsage().rss / 2 ** 20;
  const started = process.hrtime.bigint();
  let checked = 0;
  const broken: ChainVerificationReport['broken'] = [];
  for (const { id } of schools) {
    // Verification reads only the caller's school.
    const caller = { schoolId: id, role: 'admin' } as Caller;
    const result = await trail.verify(caller);
    checked += result.checked;
    if (!result.ok && result.firstBrokenSeq) broken.push({ schoolId: id, seq: result.firstBrokenSeq });
  }
  return {
    ok: broken.length === 0,
    schools: schools.length,
    checked,
    seconds: Number(process.hrtime.bigint() - started) / 1e9,
    // maxRSS is in KiB.
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
    startRssMiB,
    broken,
  };
}

runChildJob('verify', 1, verifyEveryChain);
