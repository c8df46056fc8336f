import { composeMessage, type MessageContent } from '#messaging';
import type { DutyShiftKind } from '../roster/duty-shift-hours.js';

const SHIFT_ZH: Record<DutyShiftKind, string> = { day: '白班（08:00–20:00）', night: '夜班（20:00–次日08:00）' };
const SHIFT_EN: Record<DutyShiftKind, string> = { day: 'day shift (08:00-20:00)', night: 'night shift (20:00-08:00)' };
const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** `2027-01-21` and `night` as `1月21日夜班（20:00–次日08:00）`: calendar dates are the school's own. */
export function shiftInChinese(dutyDate: string, shift: DutyShiftKind): string {
  const [, month, day] = dutyDate.split('-').map(Number);
  return `${month}月${day}日${SHIFT_ZH[shift]}`;
}

export function shiftInEnglish(dutyDate: string, shift: DutyShiftKind): string {
  const [, month, day] = dutyDate.split('-').map(Number);
  return `the ${SHIFT_EN[shift]} of ${day} ${MONTHS_EN[month - 1]}`;
}

/** The test message on each of the officer's channels: one link, one tap. */
export function reachabilityTestMessage(input: { link: string; holidayName: string; dutyDate: string; shift: DutyShiftKind }): MessageContent {
  return composeMessage({
    subject: '【值班联络测试】请确认您可被联系 / Duty contact check: confirm you are reachable',
    lines: [
      `${input.holidayName}值班前的联络测试：您的下一个班次是${shiftInChinese(input.dutyDate, input.shift)}。`,
      '请打开链接并点击“确认可联系”，让学校知道紧急预警能送达您。',
    ],
    english: `A contact check before your duty (${shiftInEnglish(input.dutyDate, input.shift)}): open the link and tap "I'm reachable" so that the school knows alerts reach you.`,
    link: { label: '确认可联系 / I\'m reachable', url: input.link },
    sms: `【校园心理】值班联络测试，请点击确认可联系：${input.link}`,
  });
}

/** To the administrators: an officer has not confirmed 24 hours before their first shift. */
export function unconfirmedOfficerMessage(input: { link: string; officerName: string; sent: boolean; dutyDate: string; shift: DutyShiftKind }): MessageContent {
  const why = input.sent ? '尚未确认可联系' : '没有已验证的联系方式，联络测试无法发出';
  return composeMessage({
    subject: '【值班提醒】值班人员尚未确认可联系 / A duty officer has not confirmed they are reachable',
    lines: [`值班人员${input.officerName}${why}，其首个班次为${shiftInChinese(input.dutyDate, input.shift)}。请直接联系本人，或调整值班表。`],
    english: `${input.officerName} has not confirmed being reachable before ${shiftInEnglish(input.dutyDate, input.shift)}${input.sent ? '' : ' (no verified contact details)'}. Reach them or change the roster.`,
    link: { label: '登录系统 / Sign in', url: input.link },
    sms: `【校园心理】值班人员${input.officerName}${input.sent ? '尚未确认可联系' : '无已验证联系方式'}（${shiftInChinese(input.dutyDate, input.shift)}），请登录系统处理：${input.link}`,
  });
}
