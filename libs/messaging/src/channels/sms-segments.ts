/** A single SMS holds 70 UCS-2 characters; each part of a longer one 67 (the rest is the joining header). */
export const SMS_SINGLE_LIMIT = 70;
export const SMS_PART_LIMIT = 67;

/** The text cut into SMS segments, by code point so that no character is split. */
export function smsSegments(text: string): string[] {
  const chars = [...text];
  if (chars.length <= SMS_SINGLE_LIMIT) return [text];
  const parts: string[] = [];
  for (let i = 0; i < chars.length; i += SMS_PART_LIMIT) parts.push(chars.slice(i, i + SMS_PART_LIMIT).join(''));
  return parts;
}
