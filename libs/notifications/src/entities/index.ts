import { Notification } from './notification.entity.js';

export { Notification };

export const notificationEntities = [Notification];
