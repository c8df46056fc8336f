export * from './appointments/appointment-status.js';
export * from './appointments/offer-expiry.job.js';
export * from './availability/availability.js';
export * from './counseling.module.js';
export * from './entities/index.js';
export * from './settings/school-holidays.js';
