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
    about: '함가자 정보',
    quit: '함가자 종료',
  },
  updates: {
    readyTitle: '업데이트 준비됨',
    ready: '함가자 {{version}} 버전이 준비되었습니다.',
    installOnQuit: '지금 다시 시작하거나, 다음에 앱을 종료할 때 설치됩니다.',
    waitingEdits:
      '아직 서버에 보내지 않은 변경이 {{n}}개 있어 지금은 다시 시작하지 않습니다. 앱을 종료할 때 설치됩니다.',
    restartNow: '지금 다시 시작',
    later: '나중에',
    ok: '확인',
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
  connection: {
    title: '함가자를 어떻게 쓸까요?',
    intro:
      '여행은 언제나 이 컴퓨터에 먼저 저장되어 인터넷 없이도 쓸 수 있습니다. 나중에 메뉴의 “서버 연결 설정”에서 바꿀 수 있습니다.',
    localTitle: '이 컴퓨터에서만',
    localBody: '계정도 서버도 필요 없습니다. 다른 기기와 동기화하거나 함께 계획하지는 않습니다.',
    serverTitle: '동기화 서버에 연결',
    serverBody: '여행을 다른 기기와 동기화하고 친구와 함께 계획합니다.',
    serverUrl: '서버 주소',
    serverUrlPlaceholder: 'https://trips.example.com',
    serverUrlInvalid: 'https://trips.example.com 같은 서버 주소를 입력해 주세요 (경로 없이).',
    save: '계속',
    cancel: '취소',
    saving: '저장 중…',
    failed: '설정을 저장하지 못했습니다. 다시 시도해 주세요.',
    current: '현재: {{value}}',
    currentLocal: '이 컴퓨터에서만',
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
    about: 'About Hamgaja',
    quit: 'Quit Hamgaja',
  },
  updates: {
    readyTitle: 'Update ready',
    ready: 'Hamgaja {{version}} is ready.',
    installOnQuit: 'Restart now, or it installs the next time you quit the app.',
    waitingEdits:
      '{{n}} changes have not reached the server yet, so the app will not restart now. The update installs when you quit.',
    restartNow: 'Restart Now',
    later: 'Later',
    ok: 'OK',
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
  connection: {
    title: 'How do you want to use Hamgaja?',
    intro:
      'Trips are always saved on this computer first and work without internet. You can change this later under “Server Connection” in the menu.',
    localTitle: 'Only on this computer',
    localBody: 'No account and no server needed. Trips do not sync to other devices or get shared.',
    serverTitle: 'Connect to a sync server',
    serverBody: 'Sync your trips across devices and plan together with friends.',
    serverUrl: 'Server address',
    serverUrlPlaceholder: 'https://trips.example.com',
    serverUrlInvalid: 'Enter a server address such as https://trips.example.com (without a path).',
    save: 'Continue',
    cancel: 'Cancel',
    saving: 'Saving…',
    failed: 'The setting could not be saved. Please try again.',
    current: 'Current: {{value}}',
    currentLocal: 'Only on this computer',
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
