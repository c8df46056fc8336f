import { csvExport } from '#core';

/** One line of the invitation list a school hands out. */
export interface InvitationLine {
  studentNumber: string;
  name: string;
  className: string;
  token: string;
}

const HEADER = ['student_number', 'name', 'class', 'token', 'link'];

/** The survey's path for a token; the school's front end serves it under its own host. */
export const surveyLink = (token: string) => `/s/${token}`;

/**
 * The invitation list. A base64url token may start with `-`: the writer guards it like any text,
 * so Excel shows it instead of `#NAME?`; the link column always carries it bare.
 */
export function invitationsCsv(lines: InvitationLine[]): string {
  return csvExport(
    HEADER,
    lines.map((line) => [line.studentNumber, line.name, line.className, line.token, surveyLink(line.token)]),
  );
}
