import { bilingual } from '../i18n/texts';

export const navText = bilingual(
  {
    today: '今日工作',
    students: '学生',
    triageFlags: '关注分诊',
    cases: '个案',
    screening: '心理筛查',
    calendar: '咨询日程',
    myClasses: '我的班级',
    raiseFlag: '上报关注',
    myFlags: '我上报的',
    education: '安全教育',
    holidayCategories: '假期分类登记',
    reminders: '提醒',
    contact: '我的联系方式',
  },
  {
    today: 'Today',
    students: 'Students',
    triageFlags: 'Flags to triage',
    cases: 'Cases',
    screening: 'Screening',
    calendar: 'Calendar',
    myClasses: 'My classes',
    raiseFlag: 'Raise a concern',
    myFlags: 'My flags',
    education: 'Safety education',
    holidayCategories: 'Holiday categories',
    reminders: 'Reminders',
    contact: 'My contact details',
  },
);
