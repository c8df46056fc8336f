// Runs in every test worker before its test file.
import 'reflect-metadata';

process.env.NODE_ENV = 'test';
process.env.LOG_LEVEL = process.env.TEST_LOG_LEVEL ?? 'silent';
// Scheduled jobs are run by hand in tests, with a controlled clock.
process.env.JOBS_ENABLED = 'false';
