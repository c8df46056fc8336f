/**
 * What the test hands the scenarios: ids, tokens and the server's clock. Apart from the scenarios
 * (which import the generated client), so that the test compiled with the project can use them too.
 */

export interface ScenarioInput {
  baseUrl: string;
  counselorToken: string;
  adminToken: string;
  studentId: string;
  counselorId: string;
}

export interface HolidayScenarioInput {
  baseUrl: string;
  adminToken: string;
  counselorToken: string;
  /** The class teacher of the student's class. */
  teacherToken: string;
  dutyOfficerToken: string;
  teacherId: string;
  counselorId: string;
  dutyOfficerId: string;
  studentId: string;
  studentNumber: string;
  classId: string;
  /** Today as the school (Asia/Shanghai) sees it, YYYY-MM-DD. */
  today: string;
  /** The server's clock, and a way to let time pass on it (a ManualClock in the test). */
  now(): Date;
  advanceClock(ms: number): void;
  /** What the scheduler does every five minutes: the holiday reminder sweep. */
  runReminderSweep(): Promise<void>;
}
