import { EducationActivityTopic } from './education-activity-topic.entity.js';
import { EducationActivity } from './education-activity.entity.js';
import { EducationCatchUp } from './education-catch-up.entity.js';
import { EducationDeliveryConfirmation } from './education-delivery-confirmation.entity.js';
import { EducationDelivery } from './education-delivery.entity.js';
import { EducationTopic } from './education-topic.entity.js';

export { EducationActivity, EducationActivityTopic, EducationCatchUp, EducationDelivery, EducationDeliveryConfirmation, EducationTopic };
export * from './education-activity.entity.js';
export * from './education-catch-up.entity.js';
export * from './education-delivery.entity.js';

export const educationEntities = [
  EducationTopic,
  EducationActivity,
  EducationActivityTopic,
  EducationDelivery,
  EducationDeliveryConfirmation,
  EducationCatchUp,
];
