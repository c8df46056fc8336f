/**
 * Guardian phone numbers, accepted in the ways people write them and stored in one canonical
 * form, so the same number always reads the same (and can be matched):
 *
 * - mainland mobile `1[3-9]` + 9 digits, with or without +86 / 0086 / 86  -> `13812345678`
 * - mainland landline: area code (010 and 02x are 3 digits, the rest 4) and a 7-8 digit local
 *   number not starting with 0 or 1, with or without +86 / 0086 (which drop the area code's 0)
 *                                                                           -> `0755-86123456`
 * - anywhere else (Hong Kong, Macao, Taiwan, abroad): `+` or `00`, country code and number,
 *   8-15 digits in all (E.164)                                             -> `+85291234567`
 *
 * Spaces, dashes, dots and parentheses between digits are ignored. Extensions are not accepted.
 */
const MOBILE = /^(?:\+86|0086|86)?(1[3-9]\d{9})$/;
const LANDLINE = /^(?:(?:\+86|0086)0?|0)(10|2\d|[3-9]\d{2})([2-9]\d{6,7})$/;
const INTERNATIONAL = /^(?:\+|00)([1-9]\d{7,14})$/;

export const PHONE_NUMBER_RULE =
  'must be a phone number: a mainland mobile (13812345678), a landline with area code (0755-86123456) or an international number (+85291234567)';

/** The canonical form of a phone number, or null when it is not one. */
export function normalisePhoneNumber(input: string): string | null {
  const compact = input.trim().replace(/[\s\-().]/g, '');
  const mobile = MOBILE.exec(compact);
  if (mobile) return mobile[1];
  const landline = LANDLINE.exec(compact);
  if (landline) return `0${landline[1]}-${landline[2]}`;
  const international = INTERNATIONAL.exec(compact);
  // A +86 number that is neither mobile nor landline is a typo, not an international number.
  if (international && !international[1].startsWith('86')) return `+${international[1]}`;
  return null;
}
