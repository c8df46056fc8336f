import type { InstrumentItemOption } from '../instrument-definition.js';
import type { InstrumentSeed } from './instrument-seed.js';

// Response options of the PHQ-9 (English original; Chinese as in the Pfizer simplified-Chinese form).
const PAST_TWO_WEEKS: InstrumentItemOption[] = [
  { value: 0, labelZh: '完全不会', labelEn: 'Not at all' },
  { value: 1, labelZh: '好几天', labelEn: 'Several days' },
  { value: 2, labelZh: '一半以上的天数', labelEn: 'More than half the days' },
  { value: 3, labelZh: '几乎每天', labelEn: 'Nearly every day' },
];

const item = (n: number, textZh: string, textEn: string) =>
  ({ key: `item${n}`, kind: 'choice', textZh, textEn, scored: true, options: PAST_TWO_WEEKS }) as const;

/** PHQ-9: depression severity over the last two weeks; item 9 asks about self-harm. */
export const PHQ9_V1: InstrumentSeed = {
  code: 'phq9',
  version: 1,
  nameZh: '患者健康问卷抑郁量表（PHQ-9）',
  nameEn: 'Patient Health Questionnaire-9 (PHQ-9)',
  definition: {
    format: 1,
    source:
      'Kroenke K, Spitzer RL, Williams JBW. The PHQ-9: validity of a brief depression severity measure. J Gen Intern Med 2001;16(9):606-613 ' +
      '(items, 0-3 scoring, cut-offs 5/10/15/20). Item 9 as a critical item: Simon GE et al. Psychiatr Serv 2013;64(12):1195-1202. ' +
      'Chinese text: the simplified-Chinese PHQ-9 distributed by Pfizer (phqscreeners.com).',
    instructionsZh: '在过去两周里，你有多少时候受到以下任何问题的困扰？',
    instructionsEn: 'Over the last 2 weeks, how often have you been bothered by any of the following problems?',
    items: [
      item(1, '做事时提不起劲或没有兴趣', 'Little interest or pleasure in doing things'),
      item(2, '感到心情低落、沮丧或绝望', 'Feeling down, depressed, or hopeless'),
      item(3, '入睡困难、睡不安稳或睡眠过多', 'Trouble falling or staying asleep, or sleeping too much'),
      item(4, '感觉疲倦或没有活力', 'Feeling tired or having little energy'),
      item(5, '食欲不振或吃太多', 'Poor appetite or overeating'),
      item(
        6,
        '觉得自己很糟——或觉得自己很失败，或让自己或家人失望',
        'Feeling bad about yourself — or that you are a failure or have let yourself or your family down',
      ),
      item(7, '对事物专注有困难，例如阅读报纸或看电视时', 'Trouble concentrating on things, such as reading the newspaper or watching television'),
      item(
        8,
        '动作或说话速度缓慢到别人已经觉察？或正好相反——烦躁或坐立不安、动来动去的情况更胜于平常',
        'Moving or speaking so slowly that other people could have noticed? Or the opposite — being so fidgety or restless that you have been moving around a lot more than usual',
      ),
      item(9, '有不如死掉或用某种方式伤害自己的念头', 'Thoughts that you would be better off dead or of hurting yourself in some way'),
    ],
    inputFlags: [],
    scoring: { total: 'sum', bandBy: 'total' },
    bands: [
      { code: 'minimal', labelZh: '无或极轻微抑郁', labelEn: 'Minimal depression', min: 0, max: 4 },
      { code: 'mild', labelZh: '轻度抑郁', labelEn: 'Mild depression', min: 5, max: 9 },
      { code: 'moderate', labelZh: '中度抑郁', labelEn: 'Moderate depression', min: 10, max: 14 },
      { code: 'moderately_severe', labelZh: '中重度抑郁', labelEn: 'Moderately severe depression', min: 15, max: 19 },
      { code: 'severe', labelZh: '重度抑郁', labelEn: 'Severe depression', min: 20, max: 27 },
    ],
    // Any answer above "not at all" on item 9 needs a counselor now, whatever the total.
    criticalItems: [{ type: 'answer', item: 'item9', min: 1 }],
  },
};
