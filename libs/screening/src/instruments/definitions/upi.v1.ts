import type { AnswerCondition } from '../instrument-definition.js';
import type { InstrumentSeed } from './instrument-seed.js';

/** Items 5, 20, 35 and 50 check for faking good (lie scale) and are not scored. */
const LIE_CHECK_ITEMS = new Set([5, 20, 35, 50]);

// [Chinese, English] of items 1-60, in order. Chinese as in the revision by Fan Fumin and
// Wang Jianzhong (the form Chinese universities use); where circulating copies differ in a word,
// the commonest reading is kept.
const ITEM_TEXTS: ReadonlyArray<readonly [string, string]> = [
  ['食欲不振', 'Poor appetite'],
  ['恶心、胃口难受、肚子痛', 'Nausea, an upset stomach or stomach ache'],
  ['容易拉肚子或便秘', 'Prone to diarrhoea or constipation'],
  ['关注心悸和脉搏', 'Preoccupied with my heartbeat and pulse'],
  ['身体健康状况良好', 'My physical health is good'],
  ['牢骚和不满多', 'I have many complaints and grievances'],
  ['父母期望过高', 'My parents expect too much of me'],
  ['自己的过去和家庭是不幸的', 'My past and my family have been unhappy'],
  ['过于担心将来的事情', 'I worry too much about the future'],
  ['不想见人', 'I do not want to see people'],
  ['觉得自己不是自己', 'I feel that I am not myself'],
  ['缺乏热情和积极性', 'I lack enthusiasm and drive'],
  ['悲观', 'I am pessimistic'],
  ['思想不集中', 'I cannot concentrate'],
  ['情绪起伏过大', 'My mood swings too much'],
  ['常常失眠', 'I often cannot sleep'],
  ['头痛', 'Headaches'],
  ['脖子、肩膀酸痛', 'Aching neck and shoulders'],
  ['胸痛憋闷', 'Chest pain or tightness in the chest'],
  ['总是朝气蓬勃', 'I am always full of energy'],
  ['气量小', 'I am narrow-minded and easily offended'],
  ['爱操心', 'I fret over things'],
  ['焦躁不安', 'I am restless and agitated'],
  ['容易动怒', 'I am easily angered'],
  ['想轻生', 'I have thoughts of ending my life'],
  ['对任何事都没兴趣', 'I am not interested in anything'],
  ['记忆力减退', 'My memory has got worse'],
  ['缺乏耐力', 'I lack stamina'],
  ['缺乏决断能力', 'I cannot make decisions'],
  ['过于依赖别人', 'I depend on others too much'],
  ['为脸红而苦恼', 'I am troubled by blushing'],
  ['口吃、声音发颤', 'I stammer, or my voice trembles'],
  ['身体忽冷忽热', 'My body feels hot and cold by turns'],
  ['常常注意排尿和性器官', 'I am often preoccupied with urinating or my genitals'],
  ['心情开朗', 'I am cheerful'],
  ['莫名其妙地不安', 'I feel uneasy for no reason I can name'],
  ['一个人独处时感到不安', 'I feel uneasy when I am alone'],
  ['缺乏自信心', 'I lack self-confidence'],
  ['办事畏首畏尾', 'I am timid and hesitant in what I do'],
  ['容易被人误解', 'I am easily misunderstood'],
  ['不相信别人', 'I do not trust others'],
  ['过于猜疑', 'I am too suspicious'],
  ['厌恶交往', 'I dislike being with other people'],
  ['感到自卑', 'I feel inferior'],
  ['杞人忧天', 'I worry about things that will never happen'],
  ['身体倦乏', 'My body feels weary'],
  ['一着急就出冷汗', 'I break into a cold sweat when I am anxious'],
  ['站起来就头晕', 'I feel dizzy when I stand up'],
  ['有过失去意识或抽筋', 'I have lost consciousness or had convulsions'],
  ['人缘好受欢迎', 'I get on well with people and am popular'],
  ['过于拘泥', 'I am too rigid about details'],
  ['对任何事情不反复确认就不放心', 'I cannot rest until I have checked everything again and again'],
  ['对脏很在乎', 'I am very bothered by dirt'],
  ['摆脱不了毫无意义的想法', 'I cannot get rid of meaningless thoughts'],
  ['觉得自己有怪气味', 'I feel that I give off a strange smell'],
  ['总觉得别人在背后说自己坏话', 'I feel that others speak ill of me behind my back'],
  ['总注意周围的人', 'I keep watching the people around me'],
  ['在乎别人的视线', "I am bothered by other people's eyes on me"],
  ['觉得别人轻视自己', 'I feel that others look down on me'],
  ['情绪易被破坏', 'My mood is easily upset'],
];

const yes = (n: number): AnswerCondition => ({ type: 'answer', item: `item${n}`, equals: true });

/**
 * UPI: 60 yes/no items about the past year, for screening university freshmen. Class 1 (needs a
 * prompt interview): total >= 25, or yes on item 25 (thoughts of ending one's life), or the
 * student asks for counseling. Class 2 (keep watch): total 20-24, or yes on items 8, 16 or 26.
 * Sources differ on whether class 2 needs the total AND one of those items; this version uses
 * "or" (the wider net). A school that wants "and" gets a new version with `combine: 'and'`.
 */
export const UPI_V1: InstrumentSeed = {
  code: 'upi',
  version: 1,
  nameZh: '大学生人格问卷（UPI）',
  nameEn: 'University Personality Inventory (UPI)',
  definition: {
    format: 1,
    source:
      'University Personality Inventory (Japanese National University Health Administration Association, 1966); ' +
      'Chinese revision by Fan Fumin and Wang Jianzhong (Tsinghua University), in use since 1993: 60 yes/no items, ' +
      'lie-check items 5, 20, 35, 50 unscored (total 0-56), classes 1-3 as used in Chinese university freshman screening.',
    instructionsZh:
      '以下问题是为了了解你的健康状况、增进你的身心健康而设计的。请按题号顺序阅读，在最近一年中你常常感觉到或体验到的项目上选“是”，否则选“否”。',
    instructionsEn:
      'These questions are meant to learn about your health and to help you stay well in body and mind. Read them in order. ' +
      'Answer "yes" to each thing you have often felt or experienced during the past year, otherwise "no".',
    items: ITEM_TEXTS.map(([textZh, textEn], i) => ({
      key: `item${i + 1}`,
      kind: 'yes_no' as const,
      textZh,
      textEn,
      scored: !LIE_CHECK_ITEMS.has(i + 1),
    })),
    inputFlags: [
      {
        key: 'asksForCounseling',
        textZh: '你有健康或心理方面想咨询的问题吗？',
        textEn: 'Is there anything about your health or state of mind that you would like to talk over with a counselor?',
      },
    ],
    scoring: {
      total: 'sum',
      bandBy: 'rules',
      rules: [
        {
          band: 'class1',
          when: { type: 'combined', combine: 'or', conditions: [{ type: 'total', min: 25 }, yes(25), { type: 'flag', flag: 'asksForCounseling' }] },
        },
        {
          band: 'class2',
          when: {
            type: 'combined',
            combine: 'or',
            conditions: [
              { type: 'total', min: 20, max: 24 },
              { type: 'combined', combine: 'or', conditions: [yes(8), yes(16), yes(26)] },
            ],
          },
        },
      ],
      otherwise: 'class3',
    },
    bands: [
      { code: 'class1', labelZh: '一类：可能有较明显的心理问题，应尽快约谈', labelEn: 'Class 1: may have marked psychological problems; interview promptly' },
      { code: 'class2', labelZh: '二类：可能有一般心理问题，应予关注', labelEn: 'Class 2: may have some psychological problems; keep watch' },
      { code: 'class3', labelZh: '三类：未发现明显心理问题', labelEn: 'Class 3: no marked psychological problems found' },
    ],
    criticalItems: [yes(25)],
  },
};
