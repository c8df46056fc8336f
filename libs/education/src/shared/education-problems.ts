import { ConflictProblem, NotFoundProblem } from '#core';

export const topicNotFound = () => new NotFoundProblem('education_topic.not_found', 'No such education topic');
export const activityNotFound = () => new NotFoundProblem('education_activity.not_found', 'No such education activity');
export const deliveryNotFound = () => new NotFoundProblem('education_delivery.not_found', 'No such delivery');
export const confirmationNotFound = () => new NotFoundProblem('education_confirmation.not_found', 'No such confirmation');
export const catchUpNotFound = () => new NotFoundProblem('education_catch_up.not_found', 'No such catch-up');
/** The same answers as the class and grade routes give, so a target out of scope looks missing. */
export const classNotFound = () => new NotFoundProblem('class.not_found', 'The class does not exist');
export const gradeNotFound = () => new NotFoundProblem('grade.not_found', 'The grade does not exist');

export const versionConflict = (what: 'education_topic' | 'education_activity' | 'education_delivery') =>
  new ConflictProblem(`${what}.version_conflict`, 'It was changed by someone else since you read it; reload it and try again');
