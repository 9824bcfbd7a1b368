import type { CalendarYear } from '@platform/calendar';

/**
 * The years 2020–2026 as the migration WorkingCalendar1764000000000 loads them: a frozen copy of the
 * calendar library's official data when the migration landed (later corrections are new versions).
 */
export const OFFICIAL_CALENDAR_2020_2026: CalendarYear[] = [
  {
    year: 2020,
    source:
      '国务院办公厅关于2020年部分节假日安排的通知 (国办发明电〔2019〕16号); 国务院办公厅关于延长2020年春节假期的通知 (2020年1月27日; 春节假期延至2月2日, 2月1日不再调休上班)',
    overrides: [
      {
        date: '2020-01-01',
        kind: 'holiday',
        name: '元旦',
      },
      {
        date: '2020-01-19',
        kind: 'makeup_workday',
        name: '春节',
      },
      {
        date: '2020-01-24',
        kind: 'holiday',
        name: '春节',
      },
      {
        date: '2020-01-25',
        kind: 'holiday',
        name: '春节',
      },
      {
        date: '2020-01-26',
        kind: 'holiday',
        name: '春节',
      },
      {
        date: '2020-01-27',
        kind: 'holiday',
        name: '春节',
      },
      {
        date: '2020-01-28',
        kind: 'holiday',
        name: '春节',
      },
      {
        date: '2020-01-29',
        kind: 'holiday',
        name: '春节',
      },
      {
        date: '2020-01-30',
        kind: 'holiday',
        name: '春节',
      },
      {
        date: '2020-01-31',
        kind: 'holiday',
        name: '春节',
      },
      {
        date: '2020-02-01',
        kind: 'holiday',
        name: '春节',
      },
      {
        date: '2020-02-02',
        kind: 'holiday',
        name: '春节',
      },
      {
        date: '2020-04-04',
        kind: 'holiday',
        name: '清明',
      },
      {
        date: '2020-04-05',
        kind: 'holiday',
        name: '清明',
      },
      {
        date: '2020-04-06',
        kind: 'holiday',
        name: '清明',
      },
      {
        date: '2020-04-26',
        kind: 'makeup_workday',
        name: '劳动节',
      },
      {
        date: '2020-05-01',
        kind: 'holiday',
        name: '劳动节',
      },
      {
        date: '2020-05-02',
        kind: 'holiday',
        name: '劳动节',
      },
      {
        date: '2020-05-03',
        kind: 'holiday',
        name: '劳动节',
      },
      {
        date: '2020-05-04',
        kind: 'holiday',
        name: '劳动节',
      },
      {
        date: '2020-05-05',
        kind: 'holiday',
        name: '劳动节',
      },
      {
        date: '2020-05-09',
        kind: 'makeup_workday',
        name: '劳动节',
      },
      {
        date: '2020-06-25',
        kind: 'holiday',
        name: '端午',
      },
      {
        date: '2020-06-26',
        kind: 'holiday',
        name: '端午',
      },
      {
        date: '2020-06-27',
        kind: 'holiday',
        name: '端午',
      },
      {
        date: '2020-06-28',
        kind: 'makeup_workday',
        name: '端午',
      },
      {
        date: '2020-09-27',
        kind: 'makeup_workday',
        name: '国庆节',
      },
      {
        date: '2020-10-01',
        kind: 'holiday',
        name: '国庆节',
      },
      {
        date: '2020-10-02',
        kind: 'holiday',
        name: '国庆节',
      },
      {
        date: '2020-10-03',
        kind: 'holiday',
        name: '国庆节',
      },
      {
        date: '2020-10-04',
        kind: 'holiday',
        name: '国庆节',
      },
      {
        date: '2020-10-05',
        kind: 'holiday',
        name: '国庆节',
      },
      {
        date: '2020-10-06',
        kind: 'holiday',
        name: '国庆节',
      },
      {
        date: '2020-10-07',
        kind: 'holiday',
        name: '国庆节',
      },
      {
        date: '2020-10-08',
        kind: 'holiday',
        name: '国庆节',
      },
      {
        date: '2020-10-10',
        kind: 'makeup_workday',
        name: '国庆节',
      },
    ],
  },
  {
    year: 2021,
    source: '国务院办公厅关于2021年部分节假日安排的通知 (国办发明电〔2020〕27号)',
    overrides: [
      {
        date: '2021-01-01',
        kind: 'holiday',
        name: '元旦',
      },
      {
        date: '2021-01-02',
        kind: 'holiday',
        name: '元旦',
      },
      {
        date: '2021-01-03',
        kind: 'holiday',
        name: '元旦',
      },
      {
        date: '2021-02-07',
        kind: 'makeup_workday',
        name: '春节',
      },
      {
        date: '2021-02-11',
        kind: 'holiday',
        name: '春节',
      },
      {
        date: '2021-02-12',
        kind: 'holiday',
        name: '春节',
      },
      {
        date: '2021-02-13',
        kind: 'holiday',
        name: '春节',
      },
      {
        date: '2021-02-14',
        kind: 'holiday',
        name: '春节',
      },
      {
        date: '2021-02-15',
        kind: 'holiday',
        name: '春节',
      },
      {
        date: '2021-02-16',
        kind: 'holiday',
        name: '春节',
      },
      {
        date: '2021-02-17',
        kind: 'holiday',
        name: '春节',
      },
      {
        date: '2021-02-20',
        kind: 'makeup_workday',
        name: '春节',
      },
      {
        date: '2021-04-03',
        kind: 'holiday',
        name: '清明',
      },
      {
        date: '2021-04-04',
        kind: 'holiday',
        name: '清明',
      },
      {
        date: '2021-04-05',
        kind: 'holiday',
        name: '清明',
      },
      {
        date: '2021-04-25',
        kind: 'makeup_workday',
        name: '劳动节',
      },
      {
        date: '2021-05-01',
        kind: 'holiday',
        name: '劳动节',
      },
      {
        date: '2021-05-02',
        kind: 'holiday',
        name: '劳动节',
      },
      {
        date: '2021-05-03',
        kind: 'holiday',
        name: '劳动节',
      },
      {
        date: '2021-05-04',
        kind: 'holiday',
        name: '劳动节',
      },
      {
        date: '2021-05-05',
        kind: 'holiday',
        name: '劳动节',
      },
      {
        date: '2021-05-08',
        kind: 'makeup_workday',
        name: '劳动节',
      },
      {
        date: '2021-06-12',
        kind: 'holiday',
        name: '端午',
      },
      {
        date: '2021-06-13',
        kind: 'holiday',
        name: '端午',
      },
      {
        date: '2021-06-14',
        kind: 'holiday',
        name: '端午',
      },
      {
        date: '2021-09-18',
        kind: 'makeup_workday',
        name: '中秋',
      },
      {
        date: '2021-09-19',
        kind: 'holiday',
        name: '中秋',
      },
      {
        date: '2021-09-20',
        kind: 'holiday',
        name: '中秋',
      },
      {
        date: '2021-09-21',
        kind: 'holiday',
        name: '中秋',
      },
      {
        date: '2021-09-26',
        kind: 'makeup_workday',
        name: '国庆节',
      },
      {
        date: '2021-10-01',
        kind: 'holiday',
        name: '国庆节',
      },
      {
        date: '2021-10-02',
        kind: 'holiday',
        name: '国庆节',
      },
      {
        date: '2021-10-03',
        kind: 'holiday',
        name: '国庆节',
      },
      {
        date: '2021-10-04',
        kind: 'holiday',
        name: '国庆节',
      },
      {
        date: '2021-10-05',
        kind: 'holiday',
        name: '国庆节',
      },
      {
        date: '2021-10-06',
        kind: 'holiday',
        name: '国庆节',
      },
      {
        date: '2021-10-07',
        kind: 'holiday',
        name: '国庆节',
      },
      {
        date: '2021-10-09',
        kind: 'makeup_workday',
        name: '国庆节',
      },
    ],
  },
  {
    year: 2022,
    source: '国务院办公厅关于2022年部分节假日安排的通知 (国办发明电〔2021〕11号)',
    overrides: [
      {
        date: '2022-01-01',
        kind: 'holiday',
        name: '元旦',
      },
      {
        date: '2022-01-02',
        kind: 'holiday',
        name: '元旦',
      },
      {
        date: '2022-01-03',
        kind: 'holiday',
        name: '元旦',
      },
      {
        date: '2022-01-29',
        kind: 'makeup_workday',
        name: '春节',
      },
      {
        date: '2022-01-30',
        kind: 'makeup_workday',
        name: '春节',
      },
      {
        date: '2022-01-31',
        kind: 'holiday',
        name: '春节',
      },
      {
        date: '2022-02-01',
        kind: 'holiday',
        name: '春节',
      },
      {
        date: '2022-02-02',
        kind: 'holiday',
        name: '春节',
      },
      {
        date: '2022-02-03',
        kind: 'holiday',
        name: '春节',
      },
      {
        date: '2022-02-04',
        kind: 'holiday',
        name: '春节',
      },
      {
        date: '2022-02-05',
        kind: 'holiday',
        name: '春节',
      },
      {
        date: '2022-02-06',
        kind: 'holiday',
        name: '春节',
      },
      {
        date: '2022-04-02',
        kind: 'makeup_workday',
        name: '清明',
      },
      {
        date: '2022-04-03',
        kind: 'holiday',
        name: '清明',
      },
      {
        date: '2022-04-04',
        kind: 'holiday',
        name: '清明',
      },
      {
        date: '2022-04-05',
        kind: 'holiday',
        name: '清明',
      },
      {
        date: '2022-04-24',
        kind: 'makeup_workday',
        name: '劳动节',
      },
      {
        date: '2022-04-30',
        kind: 'holiday',
        name: '劳动节',
      },
      {
        date: '2022-05-01',
        kind: 'holiday',
        name: '劳动节',
      },
      {
        date: '2022-05-02',
        kind: 'holiday',
        name: '劳动节',
      },
      {
        date: '2022-05-03',
        kind: 'holiday',
        name: '劳动节',
      },
      {
        date: '2022-05-04',
        kind: 'holiday',
        name: '劳动节',
      },
      {
        date: '2022-05-07',
        kind: 'makeup_workday',
        name: '劳动节',
      },
      {
        date: '2022-06-03',
        kind: 'holiday',
        name: '端午',
      },
      {
        date: '2022-06-04',
        kind: 'holiday',
        name: '端午',
      },
      {
        date: '2022-06-05',
        kind: 'holiday',
        name: '端午',
      },
      {
        date: '2022-09-10',
        kind: 'holiday',
        name: '中秋',
      },
      {
        date: '2022-09-11',
        kind: 'holiday',
        name: '中秋',
      },
      {
        date: '2022-09-12',
        kind: 'holiday',
        name: '中秋',
      },
      {
        date: '2022-10-01',
        kind: 'holiday',
        name: '国庆节',
      },
      {
        date: '2022-10-02',
        kind: 'holiday',
        name: '国庆节',
      },
      {
        date: '2022-10-03',
        kind: 'holiday',
        name: '国庆节',
      },
      {
        date: '2022-10-04',
        kind: 'holiday',
        name: '国庆节',
      },
      {
        date: '2022-10-05',
        kind: 'holiday',
        name: '国庆节',
      },
      {
        date: '2022-10-06',
        kind: 'holiday',
        name: '国庆节',
      },
      {
        date: '2022-10-07',
        kind: 'holiday',
        name: '国庆节',
      },
      {
        date: '2022-10-08',
        kind: 'makeup_workday',
        name: '国庆节',
      },
      {
        date: '2022-10-09',
        kind: 'makeup_workday',
        name: '国庆节',
      },
      {
        date: '2022-12-31',
        kind: 'holiday',
        name: '元旦',
      },
    ],
  },
  {
    year: 2023,
    source: '国务院办公厅关于2023年部分节假日安排的通知 (国办发明电〔2022〕16号)',
    overrides: [
      {
        date: '2023-01-01',
        kind: 'holiday',
        name: '元旦',
      },
      {
        date: '2023-01-02',
        kind: 'holiday',
        name: '元旦',
      },
      {
        date: '2023-01-21',
        kind: 'holiday',
        name: '春节',
      },
      {
        date: '2023-01-22',
        kind: 'holiday',
        name: '春节',
      },
      {
        date: '2023-01-23',
        kind: 'holiday',
        name: '春节',
      },
      {
        date: '2023-01-24',
        kind: 'holiday',
        name: '春节',
      },
      {
        date: '2023-01-25',
        kind: 'holiday',
        name: '春节',
      },
      {
        date: '2023-01-26',
        kind: 'holiday',
        name: '春节',
      },
      {
        date: '2023-01-27',
        kind: 'holiday',
        name: '春节',
      },
      {
        date: '2023-01-28',
        kind: 'makeup_workday',
        name: '春节',
      },
      {
        date: '2023-01-29',
        kind: 'makeup_workday',
        name: '春节',
      },
      {
        date: '2023-04-05',
        kind: 'holiday',
        name: '清明',
      },
      {
        date: '2023-04-23',
        kind: 'makeup_workday',
        name: '劳动节',
      },
      {
        date: '2023-04-29',
        kind: 'holiday',
        name: '劳动节',
      },
      {
        date: '2023-04-30',
        kind: 'holiday',
        name: '劳动节',
      },
      {
        date: '2023-05-01',
        kind: 'holiday',
        name: '劳动节',
      },
      {
        date: '2023-05-02',
        kind: 'holiday',
        name: '劳动节',
      },
      {
        date: '2023-05-03',
        kind: 'holiday',
        name: '劳动节',
      },
      {
        date: '2023-05-06',
        kind: 'makeup_workday',
        name: '劳动节',
      },
      {
        date: '2023-06-22',
        kind: 'holiday',
        name: '端午',
      },
      {
        date: '2023-06-23',
        kind: 'holiday',
        name: '端午',
      },
      {
        date: '2023-06-24',
        kind: 'holiday',
        name: '端午',
      },
      {
        date: '2023-06-25',
        kind: 'makeup_workday',
        name: '端午',
      },
      {
        date: '2023-09-29',
        kind: 'holiday',
        name: '中秋',
      },
      {
        date: '2023-09-30',
        kind: 'holiday',
        name: '国庆节',
      },
      {
        date: '2023-10-01',
        kind: 'holiday',
        name: '国庆节',
      },
      {
        date: '2023-10-02',
        kind: 'holiday',
        name: '国庆节',
      },
      {
        date: '2023-10-03',
        kind: 'holiday',
        name: '国庆节',
      },
      {
        date: '2023-10-04',
        kind: 'holiday',
        name: '国庆节',
      },
      {
        date: '2023-10-05',
        kind: 'holiday',
        name: '国庆节',
      },
      {
        date: '2023-10-06',
        kind: 'holiday',
        name: '国庆节',
      },
      {
        date: '2023-10-07',
        kind: 'makeup_workday',
        name: '国庆节',
      },
      {
        date: '2023-10-08',
        kind: 'makeup_workday',
        name: '国庆节',
      },
    ],
  },
  {
    year: 2024,
    source: '国务院办公厅关于2024年部分节假日安排的通知 (国办发明电〔2023〕7号)',
    overrides: [
      {
        date: '2024-01-01',
        kind: 'holiday',
        name: '元旦',
      },
      {
        date: '2024-02-04',
        kind: 'makeup_workday',
        name: '春节',
      },
      {
        date: '2024-02-10',
        kind: 'holiday',
        name: '春节',
      },
      {
        date: '2024-02-11',
        kind: 'holiday',
        name: '春节',
      },
      {
        date: '2024-02-12',
        kind: 'holiday',
        name: '春节',
      },
      {
        date: '2024-02-13',
        kind: 'holiday',
        name: '春节',
      },
      {
        date: '2024-02-14',
        kind: 'holiday',
        name: '春节',
      },
      {
        date: '2024-02-15',
        kind: 'holiday',
        name: '春节',
      },
      {
        date: '2024-02-16',
        kind: 'holiday',
        name: '春节',
      },
      {
        date: '2024-02-17',
        kind: 'holiday',
        name: '春节',
      },
      {
        date: '2024-02-18',
        kind: 'makeup_workday',
        name: '春节',
      },
      {
        date: '2024-04-04',
        kind: 'holiday',
        name: '清明',
      },
      {
        date: '2024-04-05',
        kind: 'holiday',
        name: '清明',
      },
      {
        date: '2024-04-06',
        kind: 'holiday',
        name: '清明',
      },
      {
        date: '2024-04-07',
        kind: 'makeup_workday',
        name: '清明',
      },
      {
        date: '2024-04-28',
        kind: 'makeup_workday',
        name: '劳动节',
      },
      {
        date: '2024-05-01',
        kind: 'holiday',
        name: '劳动节',
      },
      {
        date: '2024-05-02',
        kind: 'holiday',
        name: '劳动节',
      },
      {
        date: '2024-05-03',
        kind: 'holiday',
        name: '劳动节',
      },
      {
        date: '2024-05-04',
        kind: 'holiday',
        name: '劳动节',
      },
      {
        date: '2024-05-05',
        kind: 'holiday',
        name: '劳动节',
      },
      {
        date: '2024-05-11',
        kind: 'makeup_workday',
        name: '劳动节',
      },
      {
        date: '2024-06-10',
        kind: 'holiday',
        name: '端午',
      },
      {
        date: '2024-09-14',
        kind: 'makeup_workday',
        name: '中秋',
      },
      {
        date: '2024-09-15',
        kind: 'holiday',
        name: '中秋',
      },
      {
        date: '2024-09-16',
        kind: 'holiday',
        name: '中秋',
      },
      {
        date: '2024-09-17',
        kind: 'holiday',
        name: '中秋',
      },
      {
        date: '2024-09-29',
        kind: 'makeup_workday',
        name: '国庆节',
      },
      {
        date: '2024-10-01',
        kind: 'holiday',
        name: '国庆节',
      },
      {
        date: '2024-10-02',
        kind: 'holiday',
        name: '国庆节',
      },
      {
        date: '2024-10-03',
        kind: 'holiday',
        name: '国庆节',
      },
      {
        date: '2024-10-04',
        kind: 'holiday',
        name: '国庆节',
      },
      {
        date: '2024-10-05',
        kind: 'holiday',
        name: '国庆节',
      },
      {
        date: '2024-10-06',
        kind: 'holiday',
        name: '国庆节',
      },
      {
        date: '2024-10-07',
        kind: 'holiday',
        name: '国庆节',
      },
      {
        date: '2024-10-12',
        kind: 'makeup_workday',
        name: '国庆节',
      },
    ],
  },
  {
    year: 2025,
    source: '国务院办公厅关于2025年部分节假日安排的通知 (国办发明电〔2024〕12号)',
    overrides: [
      {
        date: '2025-01-01',
        kind: 'holiday',
        name: '元旦',
      },
      {
        date: '2025-01-26',
        kind: 'makeup_workday',
        name: '春节',
      },
      {
        date: '2025-01-28',
        kind: 'holiday',
        name: '春节',
      },
      {
        date: '2025-01-29',
        kind: 'holiday',
        name: '春节',
      },
      {
        date: '2025-01-30',
        kind: 'holiday',
        name: '春节',
      },
      {
        date: '2025-01-31',
        kind: 'holiday',
        name: '春节',
      },
      {
        date: '2025-02-01',
        kind: 'holiday',
        name: '春节',
      },
      {
        date: '2025-02-02',
        kind: 'holiday',
        name: '春节',
      },
      {
        date: '2025-02-03',
        kind: 'holiday',
        name: '春节',
      },
      {
        date: '2025-02-04',
        kind: 'holiday',
        name: '春节',
      },
      {
        date: '2025-02-08',
        kind: 'makeup_workday',
        name: '春节',
      },
      {
        date: '2025-04-04',
        kind: 'holiday',
        name: '清明',
      },
      {
        date: '2025-04-05',
        kind: 'holiday',
        name: '清明',
      },
      {
        date: '2025-04-06',
        kind: 'holiday',
        name: '清明',
      },
      {
        date: '2025-04-27',
        kind: 'makeup_workday',
        name: '劳动节',
      },
      {
        date: '2025-05-01',
        kind: 'holiday',
        name: '劳动节',
      },
      {
        date: '2025-05-02',
        kind: 'holiday',
        name: '劳动节',
      },
      {
        date: '2025-05-03',
        kind: 'holiday',
        name: '劳动节',
      },
      {
        date: '2025-05-04',
        kind: 'holiday',
        name: '劳动节',
      },
      {
        date: '2025-05-05',
        kind: 'holiday',
        name: '劳动节',
      },
      {
        date: '2025-05-31',
        kind: 'holiday',
        name: '端午',
      },
      {
        date: '2025-06-01',
        kind: 'holiday',
        name: '端午',
      },
      {
        date: '2025-06-02',
        kind: 'holiday',
        name: '端午',
      },
      {
        date: '2025-09-28',
        kind: 'makeup_workday',
        name: '国庆节',
      },
      {
        date: '2025-10-01',
        kind: 'holiday',
        name: '国庆节',
      },
      {
        date: '2025-10-02',
        kind: 'holiday',
        name: '国庆节',
      },
      {
        date: '2025-10-03',
        kind: 'holiday',
        name: '国庆节',
      },
      {
        date: '2025-10-04',
        kind: 'holiday',
        name: '国庆节',
      },
      {
        date: '2025-10-05',
        kind: 'holiday',
        name: '国庆节',
      },
      {
        date: '2025-10-06',
        kind: 'holiday',
        name: '中秋',
      },
      {
        date: '2025-10-07',
        kind: 'holiday',
        name: '国庆节',
      },
      {
        date: '2025-10-08',
        kind: 'holiday',
        name: '国庆节',
      },
      {
        date: '2025-10-11',
        kind: 'makeup_workday',
        name: '国庆节',
      },
    ],
  },
  {
    year: 2026,
    source: '国务院办公厅关于2026年部分节假日安排的通知 (国办发明电〔2025〕7号)',
    overrides: [
      {
        date: '2026-01-01',
        kind: 'holiday',
        name: '元旦',
      },
      {
        date: '2026-01-02',
        kind: 'holiday',
        name: '元旦',
      },
      {
        date: '2026-01-03',
        kind: 'holiday',
        name: '元旦',
      },
      {
        date: '2026-01-04',
        kind: 'makeup_workday',
        name: '元旦',
      },
      {
        date: '2026-02-14',
        kind: 'makeup_workday',
        name: '春节',
      },
      {
        date: '2026-02-15',
        kind: 'holiday',
        name: '春节',
      },
      {
        date: '2026-02-16',
        kind: 'holiday',
        name: '春节',
      },
      {
        date: '2026-02-17',
        kind: 'holiday',
        name: '春节',
      },
      {
        date: '2026-02-18',
        kind: 'holiday',
        name: '春节',
      },
      {
        date: '2026-02-19',
        kind: 'holiday',
        name: '春节',
      },
      {
        date: '2026-02-20',
        kind: 'holiday',
        name: '春节',
      },
      {
        date: '2026-02-21',
        kind: 'holiday',
        name: '春节',
      },
      {
        date: '2026-02-22',
        kind: 'holiday',
        name: '春节',
      },
      {
        date: '2026-02-23',
        kind: 'holiday',
        name: '春节',
      },
      {
        date: '2026-02-28',
        kind: 'makeup_workday',
        name: '春节',
      },
      {
        date: '2026-04-04',
        kind: 'holiday',
        name: '清明',
      },
      {
        date: '2026-04-05',
        kind: 'holiday',
        name: '清明',
      },
      {
        date: '2026-04-06',
        kind: 'holiday',
        name: '清明',
      },
      {
        date: '2026-05-01',
        kind: 'holiday',
        name: '劳动节',
      },
      {
        date: '2026-05-02',
        kind: 'holiday',
        name: '劳动节',
      },
      {
        date: '2026-05-03',
        kind: 'holiday',
        name: '劳动节',
      },
      {
        date: '2026-05-04',
        kind: 'holiday',
        name: '劳动节',
      },
      {
        date: '2026-05-05',
        kind: 'holiday',
        name: '劳动节',
      },
      {
        date: '2026-05-09',
        kind: 'makeup_workday',
        name: '劳动节',
      },
      {
        date: '2026-06-19',
        kind: 'holiday',
        name: '端午',
      },
      {
        date: '2026-06-20',
        kind: 'holiday',
        name: '端午',
      },
      {
        date: '2026-06-21',
        kind: 'holiday',
        name: '端午',
      },
      {
        date: '2026-09-20',
        kind: 'makeup_workday',
        name: '国庆节',
      },
      {
        date: '2026-09-25',
        kind: 'holiday',
        name: '中秋',
      },
      {
        date: '2026-09-26',
        kind: 'holiday',
        name: '中秋',
      },
      {
        date: '2026-09-27',
        kind: 'holiday',
        name: '中秋',
      },
      {
        date: '2026-10-01',
        kind: 'holiday',
        name: '国庆节',
      },
      {
        date: '2026-10-02',
        kind: 'holiday',
        name: '国庆节',
      },
      {
        date: '2026-10-03',
        kind: 'holiday',
        name: '国庆节',
      },
      {
        date: '2026-10-04',
        kind: 'holiday',
        name: '国庆节',
      },
      {
        date: '2026-10-05',
        kind: 'holiday',
        name: '国庆节',
      },
      {
        date: '2026-10-06',
        kind: 'holiday',
        name: '国庆节',
      },
      {
        date: '2026-10-07',
        kind: 'holiday',
        name: '国庆节',
      },
      {
        date: '2026-10-10',
        kind: 'makeup_workday',
        name: '国庆节',
      },
    ],
  },
];
