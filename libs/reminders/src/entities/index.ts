import { ReminderDelivery } from './reminder-delivery.entity.js';
import { ReminderRule } from './reminder-rule.entity.js';
import { Reminder } from './reminder.entity.js';

export * from './reminder-delivery.entity.js';
export * from './reminder-rule.entity.js';
export * from './reminder.entity.js';

export const reminderEntities = [ReminderRule, Reminder, ReminderDelivery];
