/** Words the main process shows itself: native menus, dialogs and exported documents. */
import type { Category } from '@hamgaja/shared';
import type { Language } from '../../desktop-api/contract.js';

export const ko = {
  appName: '함가자',
  menu: {
    file: '파일',
    newTrip: '새 여행',
    importTrip: '여행 가져오기…',
    exportTrip: '여행 내보내기',
    exportIcs: '캘린더 (ICS)…',
    exportJson: '여행 파일 (JSON)…',
    exportPdf: '인쇄용 PDF…',
    settings: '서버 연결 설정…',
    edit: '편집',
    view: '보기',
    window: '창',
    language: '언어',
    help: '도움말',
    checkForUpdates: '업데이트 확인…',
    openLogs: '로그 폴더 열기',
    reportIssue: '문제 신고…',
    about: '함가자 정보',
    quit: '함가자 종료',
  },
  dialogs: {
    exportTitle: '여행 내보내기',
    importTitle: '여행 가져오기',
    tripFile: '함가자 여행 파일',
    calendar: '캘린더',
    pdf: 'PDF 문서',
    json: 'JSON',
    openFailedTitle: '파일을 열 수 없습니다',
    openFailed: '함가자 여행 파일이 아니거나 손상된 파일입니다.',
    tooNew: '더 새로운 버전의 함가자에서 만든 파일입니다. 앱을 업데이트해 주세요.',
  },
  document: {
    day: '{{n}}일차',
    continued: '(계속)',
    noStops: '이 날은 아직 일정이 없습니다.',
    allDay: '시간 미정',
    minutes: '{{n}}분',
    hours: '{{h}}시간',
    hoursMinutes: '{{h}}시간 {{m}}분',
    cost: '비용',
    budget: '예산',
    plannedCost: '일정 비용 합계',
    stops: '일정 {{n}}개',
    page: '{{n}} / {{total}}',
    tripEvent: '여행: {{title}}',
    generatedBy: '함가자에서 만든 문서',
  },
  categories: {
    sightseeing: '관광',
    food: '음식',
    lodging: '숙박',
    shopping: '쇼핑',
    activity: '체험',
    transport: '교통',
    other: '기타',
  } satisfies Record<Category, string>,
};

export type MainMessages = typeof ko;

export const en: MainMessages = {
  appName: 'Hamgaja',
  menu: {
    file: 'File',
    newTrip: 'New Trip',
    importTrip: 'Import Trip…',
    exportTrip: 'Export Trip',
    exportIcs: 'Calendar (ICS)…',
    exportJson: 'Trip File (JSON)…',
    exportPdf: 'Printable PDF…',
    settings: 'Server Connection…',
    edit: 'Edit',
    view: 'View',
    window: 'Window',
    language: 'Language',
    help: 'Help',
    checkForUpdates: 'Check for Updates…',
    openLogs: 'Open Logs Folder',
    reportIssue: 'Report an Issue…',
    about: 'About Hamgaja',
    quit: 'Quit Hamgaja',
  },
  dialogs: {
    exportTitle: 'Export trip',
    importTitle: 'Import trip',
    tripFile: 'Hamgaja trip file',
    calendar: 'Calendar',
    pdf: 'PDF document',
    json: 'JSON',
    openFailedTitle: 'Could not open the file',
    openFailed: 'This is not a Hamgaja trip file, or it is damaged.',
    tooNew: 'This file was made by a newer version of Hamgaja. Please update the app.',
  },
  document: {
    day: 'Day {{n}}',
    continued: '(continued)',
    noStops: 'Nothing planned for this day yet.',
    allDay: 'Any time',
    minutes: '{{n}} min',
    hours: '{{h}} h',
    hoursMinutes: '{{h}} h {{m}} min',
    cost: 'Cost',
    budget: 'Budget',
    plannedCost: 'Planned cost',
    stops: '{{n}} stops',
    page: '{{n}} / {{total}}',
    tripEvent: 'Trip: {{title}}',
    generatedBy: 'Made with Hamgaja',
  },
  categories: {
    sightseeing: 'Sightseeing',
    food: 'Food',
    lodging: 'Lodging',
    shopping: 'Shopping',
    activity: 'Activity',
    transport: 'Transport',
    other: 'Other',
  },
};

export const mainMessages: Record<Language, MainMessages> = { ko, en };

/** Fills `{{name}}` placeholders. */
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) =>
    Object.hasOwn(values, name) ? String(values[name]) : whole,
  );
}

/** The language for the operating system's locale (Korean for ko-*, else English). */
export function languageForLocale(locale: string): Language {
  return locale.toLowerCase().startsWith('ko') ? 'ko' : 'en';
}
