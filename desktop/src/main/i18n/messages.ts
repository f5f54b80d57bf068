/**
 * Words the main process shows itself: native menus, update prompts and the connection page.
 * The words of exported documents and of export/import dialogs are shared with the web app
 * (`exportWords` in @hamgaja/shared).
 */
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
};

export const mainMessages: Record<Language, MainMessages> = { ko, en };

/** Fills `{{name}}` placeholders (the same filling as the exported documents'). */
export { fillWords as format } from '@hamgaja/shared';

/** The language for the operating system's locale (Korean for ko-*, else English). */
export function languageForLocale(locale: string): Language {
  return locale.toLowerCase().startsWith('ko') ? 'ko' : 'en';
}
