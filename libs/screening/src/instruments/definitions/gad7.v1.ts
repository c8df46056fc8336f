import type { InstrumentItemOption } from '../instrument-definition.js';
import type { InstrumentSeed } from './instrument-seed.js';

// Response options of the GAD-7 (English original; Chinese as in the Pfizer simplified-Chinese form).
const PAST_TWO_WEEKS: InstrumentItemOption[] = [
  { value: 0, labelZh: '完全不会', labelEn: 'Not at all' },
  { value: 1, labelZh: '好几天', labelEn: 'Several days' },
  { value: 2, labelZh: '一半以上的天数', labelEn: 'More than half the days' },
  { value: 3, labelZh: '几乎每天', labelEn: 'Nearly every day' },
];

const item = (n: number, textZh: string, textEn: string) =>
  ({ key: `item${n}`, kind: 'choice', textZh, textEn, scored: true, options: PAST_TWO_WEEKS }) as const;

/** GAD-7: anxiety severity over the last two weeks. It has no suicide item: pair it with the PHQ-9. */
export const GAD7_V1: InstrumentSeed = {
  code: 'gad7',
  version: 1,
  nameZh: '广泛性焦虑量表（GAD-7）',
  nameEn: 'Generalized Anxiety Disorder 7-item scale (GAD-7)',
  definition: {
    format: 1,
    source:
      'Spitzer RL, Kroenke K, Williams JBW, Löwe B. A brief measure for assessing generalized anxiety disorder: the GAD-7. ' +
      'Arch Intern Med 2006;166(10):1092-1097 (items, 0-3 scoring, cut-offs 5/10/15). ' +
      'Chinese text: the simplified-Chinese GAD-7 distributed by Pfizer (phqscreeners.com).',
    instructionsZh: '在过去两周里，你有多少时候受到以下任何问题的困扰？',
    instructionsEn: 'Over the last 2 weeks, how often have you been bothered by the following problems?',
    items: [
      item(1, '感觉紧张、焦虑或急切', 'Feeling nervous, anxious, or on edge'),
      item(2, '不能够停止或控制担忧', 'Not being able to stop or control worrying'),
      item(3, '对各种各样的事情担忧过多', 'Worrying too much about different things'),
      item(4, '很难放松下来', 'Trouble relaxing'),
      item(5, '由于不安而无法静坐', "Being so restless that it's hard to sit still"),
      item(6, '变得容易烦恼或急躁', 'Becoming easily annoyed or irritable'),
      item(7, '感到似乎将有可怕的事情发生而害怕', 'Feeling afraid as if something awful might happen'),
    ],
    inputFlags: [],
    scoring: { total: 'sum', bandBy: 'total' },
    bands: [
      { code: 'minimal', labelZh: '无或极轻微焦虑', labelEn: 'Minimal anxiety', min: 0, max: 4 },
      { code: 'mild', labelZh: '轻度焦虑', labelEn: 'Mild anxiety', min: 5, max: 9 },
      { code: 'moderate', labelZh: '中度焦虑', labelEn: 'Moderate anxiety', min: 10, max: 14 },
      { code: 'severe', labelZh: '重度焦虑', labelEn: 'Severe anxiety', min: 15, max: 21 },
    ],
    criticalItems: [],
  },
};
