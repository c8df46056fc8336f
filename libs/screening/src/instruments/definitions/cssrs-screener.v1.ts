import type { AnswerCondition, InstrumentCondition } from '../instrument-definition.js';
import type { InstrumentSeed } from './instrument-seed.js';

const answered = (item: string, equals: boolean): AnswerCondition => ({ type: 'answer', item, equals });
const yes = (item: string) => answered(item, true);
const AFTER_YES_TO_ITEM2: InstrumentCondition = yes('item2');

/**
 * C-SSRS screener (recent): six yes/no questions and no total. As in the published screener,
 * questions 3-5 are asked only after a yes to question 2, and question 6 (lifetime behaviour)
 * asks whether it happened within the past 3 months only after a yes.
 * Triage: high = yes to 4 or 5, or behaviour within 3 months; moderate = yes to 3, or behaviour
 * longer ago; low = yes to 1 or 2 only; none otherwise. The high-risk answers are critical.
 */
export const CSSRS_SCREENER_V1: InstrumentSeed = {
  code: 'cssrs_screener',
  version: 1,
  nameZh: '哥伦比亚自杀严重程度评定量表（筛查版）',
  nameEn: 'Columbia-Suicide Severity Rating Scale (C-SSRS) Screener',
  definition: {
    format: 1,
    source:
      'Posner K et al. The Columbia-Suicide Severity Rating Scale: initial validity and internal consistency findings. ' +
      'Am J Psychiatry 2011;168(12):1266-1277. Items, skip logic and risk triage from the C-SSRS Screen Version - Recent ' +
      '(The Columbia Lighthouse Project). Chinese text translated for this system; check it against the licensed ' +
      'simplified-Chinese version before clinical use.',
    instructionsZh:
      '以下问题询问你的想法和经历。第1至5题指过去一个月内；第6题指你一生中的任何时候，如回答“是”，还会问是否发生在过去3个月内。请回答“是”或“否”。',
    instructionsEn:
      'These questions ask about your thoughts and experiences. Questions 1-5 are about the past month; question 6 is about ' +
      'any time in your life and, if you answer yes, whether it was within the past 3 months. Answer yes or no.',
    items: [
      {
        key: 'item1',
        kind: 'yes_no',
        scored: false,
        textZh: '过去一个月内，你是否曾希望自己已经死去，或希望自己睡着后不再醒来？',
        textEn: 'In the past month, have you wished you were dead or wished you could go to sleep and not wake up?',
      },
      {
        key: 'item2',
        kind: 'yes_no',
        scored: false,
        textZh: '过去一个月内，你是否真的有过想要自杀的念头？',
        textEn: 'In the past month, have you actually had any thoughts of killing yourself?',
      },
      {
        key: 'item3',
        kind: 'yes_no',
        scored: false,
        askedWhen: AFTER_YES_TO_ITEM2,
        textZh: '你是否一直在想可能会怎样去做（自杀）？',
        textEn: 'Have you been thinking about how you might do this?',
      },
      {
        key: 'item4',
        kind: 'yes_no',
        scored: false,
        askedWhen: AFTER_YES_TO_ITEM2,
        textZh: '你是否有过这些念头，并且有一些想要付诸行动的意图？',
        textEn: 'Have you had these thoughts and had some intention of acting on them?',
      },
      {
        key: 'item5',
        kind: 'yes_no',
        scored: false,
        askedWhen: AFTER_YES_TO_ITEM2,
        textZh: '你是否已经开始计划或已经计划好如何自杀的细节？你打算执行这个计划吗？',
        textEn: 'Have you started to work out or worked out the details of how to kill yourself? Do you intend to carry out this plan?',
      },
      {
        key: 'item6',
        kind: 'yes_no',
        scored: false,
        textZh:
          '你是否曾经做过任何事、开始做任何事或准备做任何事来结束自己的生命？例如：收集药片、获取枪支、送走贵重物品、写遗嘱或遗书、' +
          '拿出药片但没有吞下、拿着枪但改变了主意或被人夺下、走上楼顶但没有跳下；或者真的吞服了药片、试图开枪自杀、割伤自己、试图上吊等。',
        textEn:
          'Have you ever done anything, started to do anything, or prepared to do anything to end your life? Examples: collected pills, ' +
          "obtained a gun, gave away valuables, wrote a will or suicide note, took out pills but didn't swallow any, held a gun but " +
          "changed your mind or it was grabbed from your hand, went to the roof but didn't jump; or actually took pills, tried to " +
          'shoot yourself, cut yourself, tried to hang yourself, etc.',
      },
      {
        key: 'item6PastThreeMonths',
        kind: 'yes_no',
        scored: false,
        askedWhen: yes('item6'),
        textZh: '这是在过去3个月内发生的吗？',
        textEn: 'Was this within the past 3 months?',
      },
    ],
    inputFlags: [],
    scoring: {
      total: 'none',
      bandBy: 'rules',
      rules: [
        {
          band: 'high',
          when: {
            type: 'combined',
            combine: 'or',
            conditions: [
              yes('item4'),
              yes('item5'),
              { type: 'combined', combine: 'and', conditions: [yes('item6'), yes('item6PastThreeMonths')] },
            ],
          },
        },
        {
          band: 'moderate',
          when: {
            type: 'combined',
            combine: 'or',
            conditions: [yes('item3'), { type: 'combined', combine: 'and', conditions: [yes('item6'), answered('item6PastThreeMonths', false)] }],
          },
        },
        { band: 'low', when: { type: 'combined', combine: 'or', conditions: [yes('item1'), yes('item2')] } },
      ],
      otherwise: 'none',
    },
    bands: [
      { code: 'high', labelZh: '高风险', labelEn: 'High risk' },
      { code: 'moderate', labelZh: '中风险', labelEn: 'Moderate risk' },
      { code: 'low', labelZh: '低风险', labelEn: 'Low risk' },
      { code: 'none', labelZh: '未发现风险', labelEn: 'No risk identified' },
    ],
    criticalItems: [yes('item4'), yes('item5'), yes('item6PastThreeMonths')],
  },
};
