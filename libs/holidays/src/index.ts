export * from './calendar/holiday-calendar.js';
export * from './entities/index.js';
export * from './holidays.module.js';
export * from './routing/on-duty-officers.js';
export * from './windows/key-windows.js';
