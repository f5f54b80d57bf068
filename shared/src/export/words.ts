/**
 * The words of exported documents (calendar files, the printable itinerary, the PDF), in
 * Korean and English. This is the one catalogue of these words: the web app's i18n catalogs
 * reference it where they overlap (stop categories), and the desktop main process and the
 * server's calendar feed use it directly, so neither depends on renderer code.
 */
import type { Category, ReservationType } from '../sync/documents.js';

export type ExportLanguage = 'ko' | 'en';

export const exportWordsKo = {
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
    travel: '이동',
    /** Travel modes, as the planner names them. */
    travelBy: { walk: '도보', transit: '대중교통', car: '자동차' },
    notes: '메모',
    checklist: '준비물',
    checklistEmpty: '준비물 목록이 비어 있습니다.',
    budgetSummary: '예산과 경비',
    expenses: '경비 {{n}}건',
    spent: '실제 지출',
    remaining: '남은 예산',
    over: '예산 초과',
    otherCurrencies: '다른 통화',
    destination: '여행지',
    confirmation: '예약 번호',
    seats: '좌석·객실',
  },
  /** Export and import: file types, dialog titles and why a file was refused. */
  files: {
    exportTitle: '여행 내보내기',
    importTitle: '여행 가져오기',
    tripFile: '함가자 여행 파일',
    calendar: '캘린더',
    pdf: 'PDF 문서',
    openFailedTitle: '파일을 열 수 없습니다',
    openFailed: '함가자 여행 파일이 아니거나 손상된 파일입니다.',
    tooNew: '더 새로운 버전의 함가자에서 만든 파일입니다. 앱을 업데이트해 주세요.',
  },
  /** Stop categories, as the planner shows them. */
  categories: {
    sightseeing: '관광',
    food: '음식',
    lodging: '숙소',
    shopping: '쇼핑',
    activity: '체험',
    transport: '이동',
    other: '기타',
  } satisfies Record<Category, string>,
  /** Reservation types, as the reservations tab shows them. */
  reservationTypes: {
    flight: '항공',
    train: '기차',
    bus: '버스',
    ferry: '배',
    stay: '숙소',
    carRental: '렌터카',
    event: '공연·티켓',
    other: '기타',
  } satisfies Record<ReservationType, string>,
};

export type ExportWords = typeof exportWordsKo;

export const exportWordsEn: ExportWords = {
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
    travel: 'Getting there',
    travelBy: { walk: 'Walk', transit: 'Transit', car: 'Car' },
    notes: 'Notes',
    checklist: 'Checklist',
    checklistEmpty: 'The checklist is empty.',
    budgetSummary: 'Budget and expenses',
    expenses: 'Expenses: {{n}}',
    spent: 'Spent',
    remaining: 'Budget left',
    over: 'Over budget',
    otherCurrencies: 'Other currencies',
    destination: 'Destination',
    confirmation: 'Confirmation',
    seats: 'Seats / room',
  },
  files: {
    exportTitle: 'Export trip',
    importTitle: 'Import trip',
    tripFile: 'Hamgaja trip file',
    calendar: 'Calendar',
    pdf: 'PDF document',
    openFailedTitle: 'Could not open the file',
    openFailed: 'This is not a Hamgaja trip file, or it is damaged.',
    tooNew: 'This file was made by a newer version of Hamgaja. Please update the app.',
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
  reservationTypes: {
    flight: 'Flight',
    train: 'Train',
    bus: 'Bus',
    ferry: 'Ferry',
    stay: 'Stay',
    carRental: 'Car rental',
    event: 'Event or ticket',
    other: 'Other',
  },
};

export const exportWords: Record<ExportLanguage, ExportWords> = { ko: exportWordsKo, en: exportWordsEn };

/** Fills `{{name}}` placeholders. */
export function fillWords(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) =>
    Object.hasOwn(values, name) ? String(values[name]) : whole,
  );
}
