import { ConflictProblem, NotFoundProblem, ProblemException } from '#core';

/** The survey's answers to a student; none says anything about the student or their answers. */
export const surveyNotFound = () => new NotFoundProblem('survey.not_found', 'This survey link is not valid; check it with your teacher');

export const surveyAlreadySubmitted = () => new ConflictProblem('survey.already_submitted', 'This survey has already been answered');

export const surveyClosed = () => new ProblemException(410, 'survey.closed', 'This survey is not open now');
