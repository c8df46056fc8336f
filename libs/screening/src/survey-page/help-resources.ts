/** One place or line a student can turn to, in both languages; `contact` is a phone number, room or address. */
export interface HelpResource {
  nameZh: string;
  nameEn: string;
  contact: string;
  noteZh?: string;
  noteEn?: string;
}

/** What the thank-you page shows; `showHelpProminently` never says why. */
export interface SurveyHelp {
  helpResources: HelpResource[];
  showHelpProminently: boolean;
}

/** Shown when a school has configured nothing: the school's own people and the national lines. */
export const GENERAL_HELP_RESOURCES: HelpResource[] = [
  {
    nameZh: '学校心理辅导中心',
    nameEn: "Your school's counseling centre",
    contact: '',
    noteZh: '可以直接去找心理老师或班主任聊一聊。',
    noteEn: 'You can talk to the school counselor or your class teacher at any time.',
  },
  { nameZh: '全国心理援助热线', nameEn: 'National psychological assistance hotline', contact: '12356' },
  { nameZh: '紧急情况', nameEn: 'In an emergency', contact: '110 / 120' },
];

/** Keeps only well-formed entries, so a hand-edited row never breaks the page. */
export function helpResourcesOf(stored: unknown): HelpResource[] {
  if (!Array.isArray(stored)) return GENERAL_HELP_RESOURCES;
  const text = (value: unknown): value is string => typeof value === 'string';
  const resources = stored.filter(
    (r): r is HelpResource => typeof r === 'object' && r !== null && text(r.nameZh) && text(r.nameEn) && text(r.contact),
  );
  return resources.length > 0 ? resources : GENERAL_HELP_RESOURCES;
}
