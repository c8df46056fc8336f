import { GUARDIAN_RELATIONS, type GuardianRelation } from '../../entities/guardian.entity.js';
import { GENDERS, type Gender, STUDENT_STATUSES, type StudentStatus } from '../../entities/student.entity.js';

/**
 * The spellings a school's spreadsheet may use for the enum columns: the API's English values
 * (any case) and the usual Chinese words.
 */
const GENDER_WORDS: Record<string, Gender> = { 男: 'male', 女: 'female' };

const RELATION_WORDS: Record<string, GuardianRelation> = {
  父亲: 'father',
  爸爸: 'father',
  母亲: 'mother',
  妈妈: 'mother',
  祖父母: 'grandparent',
  外祖父母: 'grandparent',
  爷爷: 'grandparent',
  奶奶: 'grandparent',
  外公: 'grandparent',
  外婆: 'grandparent',
  兄弟姐妹: 'sibling',
  监护人: 'guardian',
  其他: 'other',
};

const STATUS_WORDS: Record<string, StudentStatus> = {
  在读: 'enrolled',
  在校: 'enrolled',
  休学: 'suspended',
  毕业: 'graduated',
  已毕业: 'graduated',
  退学: 'withdrawn',
  转学: 'transferred',
  转出: 'transferred',
};

function enumReader<T extends string>(values: readonly T[], words: Record<string, T>) {
  return (cell: string): T | undefined => {
    const lower = cell.toLowerCase();
    return (values as readonly string[]).includes(lower) ? (lower as T) : words[cell];
  };
}

export const readGender = enumReader(GENDERS, GENDER_WORDS);
export const readRelation = enumReader(GUARDIAN_RELATIONS, RELATION_WORDS);
export const readStatus = enumReader(STUDENT_STATUSES, STATUS_WORDS);

export const describeChoices = (values: readonly string[], words: Record<string, string>) =>
  `must be one of ${[...values, ...Object.keys(words)].join(', ')}`;

export const GENDER_CHOICES = describeChoices(GENDERS, GENDER_WORDS);
export const RELATION_CHOICES = describeChoices(GUARDIAN_RELATIONS, RELATION_WORDS);
export const STATUS_CHOICES = describeChoices(STUDENT_STATUSES, STATUS_WORDS);

/**
 * A date as spreadsheets write it, `2010-03-05` or (Excel in a Chinese locale) `2010/3/5`, as
 * `YYYY-MM-DD`; undefined when it has neither shape.
 */
export function readCalendarDate(cell: string): string | undefined {
  const match = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(cell);
  if (!match) return undefined;
  return `${match[1]}-${match[2].padStart(2, '0')}-${match[3].padStart(2, '0')}`;
}
