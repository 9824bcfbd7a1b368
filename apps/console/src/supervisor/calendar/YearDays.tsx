import { DeleteOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors, useLanguage } from '../../shared/i18n-helpers';
import { problemLines } from '../common/problem-lines';
import { ProblemAlert } from '../common/ProblemAlert';
import { QueryError } from '../common/QueryError';
import {
  type CalendarOverride,
  type DayKind,
  isoWeekday,
  sameDays,
  withDay,
  withoutDay,
} from './calendar-days';
import { REASON_FIELDS, ReasonFields } from './IcsUpload';
import { type ChangeReason, useCalendarYear, useCorrectYear } from './useCalendar';

const KIND_TAGS: Record<DayKind, string> = { holiday: 'red', makeup_workday: 'blue' };

/** The holidays (休) and make-up working days (班) of one year; managers edit them and save a correction. */
export function YearDays({ year, loaded, canWrite }: { year: number; loaded: boolean; canWrite: boolean }) {
  const { t } = useTranslation();
  const detail = useCalendarYear(year, loaded);
  const [draft, setDraft] = useState<CalendarOverride[] | null>(null);
  const saved = detail.data?.overrides ?? [];
  const days = draft ?? saved;
  const changed = draft !== null && !sameDays(draft, saved);

  const columns: ColumnsType<CalendarOverride> = [
    { title: t('supervisor:calendar.date'), dataIndex: 'date' },
    {
      title: t('supervisor:calendar.weekday'),
      key: 'weekday',
      render: (_, day) => t(`supervisor:calendar.weekdays.${isoWeekday(day.date)}`),
    },
    {
      title: t('supervisor:calendar.kind'),
      dataIndex: 'kind',
      render: (kind: DayKind) => <Tag color={KIND_TAGS[kind]}>{t(`supervisor:calendar.kinds.${kind}`)}</Tag>,
    },
    { title: t('supervisor:calendar.name'), dataIndex: 'name', render: (name?: string) => name ?? '—' },
  ];
  if (canWrite) {
    columns.push({
      title: t('supervisor:calendar.actions'),
      key: 'actions',
      render: (_, day) => (
        <Button
          size="small"
          icon={<DeleteOutlined />}
          aria-label={t('supervisor:calendar.removeDay', { date: day.date })}
          onClick={() => setDraft(withoutDay(days, day.date))}
        />
      ),
    });
  }

  return (
    <Card title={t('supervisor:calendar.daysTitle', { year })} size="small">
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {!loaded && <Alert type="info" showIcon title={t('supervisor:calendar.notLoaded', { year })} />}
        {detail.isError && <QueryError error={detail.error} onRetry={() => void detail.refetch()} />}
        {canWrite && <AddDay year={year} onAdd={(day) => setDraft(withDay(days, day))} />}
        <Table<CalendarOverride>
          aria-label={t('supervisor:calendar.daysTitle', { year })}
          data-testid="calendar-days"
          rowKey="date"
          size="small"
          loading={detail.isLoading}
          columns={columns}
          dataSource={days}
          pagination={false}
          scroll={{ y: 360 }}
        />
        {canWrite && !detail.isLoading && (
          <Correction
            year={year}
            days={days}
            changed={changed}
            source={detail.data?.source}
            onSaved={() => setDraft(null)}
          />
        )}
      </Space>
    </Card>
  );
}

interface NewDay {
  date: Dayjs;
  kind: DayKind;
  name?: string;
}

function AddDay({ year, onAdd }: { year: number; onAdd: (day: CalendarOverride) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<NewDay>();
  return (
    <Form<NewDay>
      name="calendar-add-day"
      form={form}
      layout="inline"
      aria-label={t('supervisor:calendar.addDay')}
      initialValues={{ kind: 'holiday' }}
      onFinish={(values) => {
        onAdd({ date: values.date.format('YYYY-MM-DD'), kind: values.kind, name: values.name });
        form.resetFields(['date', 'name']);
      }}
    >
      <Form.Item
        name="date"
        label={t('supervisor:calendar.date')}
        rules={[{ required: true, message: t('supervisor:calendar.dateRule') }]}
      >
        <DatePicker defaultPickerValue={dayjs(`${year}-01-01`)} disabledDate={(day) => day.year() !== year} />
      </Form.Item>
      <Form.Item name="kind" label={t('supervisor:calendar.kind')}>
        <Select
          style={{ width: 140 }}
          options={(['holiday', 'makeup_workday'] as const).map((kind) => ({
            value: kind,
            label: t(`supervisor:calendar.kinds.${kind}`),
          }))}
        />
      </Form.Item>
      <Form.Item name="name" label={t('supervisor:calendar.name')}>
        <Input style={{ width: 140 }} maxLength={50} />
      </Form.Item>
      <Button htmlType="submit">{t('supervisor:calendar.addDay')}</Button>
    </Form>
  );
}

interface CorrectionProps {
  year: number;
  days: CalendarOverride[];
  changed: boolean;
  source: string | undefined;
  onSaved: () => void;
}

/** Saves the listed days as the year's new version (open cases recompute their deadlines from it). */
function Correction({ year, days, changed, source, onSaved }: CorrectionProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { message } = App.useApp();
  const [form] = Form.useForm<ChangeReason>();
  const [problems, setProblems] = useState<string[]>([]);
  const correct = useCorrectYear(year);

  const save = async () => {
    setProblems([]);
    const reason = await form.validateFields();
    try {
      const result = await correct.mutateAsync({ ...reason, overrides: days });
      onSaved();
      form.resetFields(['reason']);
      void message.success(
        t('supervisor:calendar.saved', {
          year: result.year,
          version: result.version,
          holidays: result.holidays,
          makeup: result.makeupWorkdays,
        }),
      );
    } catch (error) {
      applyFieldErrors(form, error, language);
      setProblems(problemLines(error, language, REASON_FIELDS));
    }
  };

  return (
    <Form<ChangeReason>
      name="calendar-correction"
      form={form}
      layout="vertical"
      initialValues={{ source: source ?? '' }}
    >
      {changed && <Alert type="warning" showIcon title={t('supervisor:calendar.unsaved')} />}
      <ReasonFields />
      <ProblemAlert
        testId="calendar-correction-error"
        title={t('supervisor:calendar.saveFailed')}
        problems={problems}
      />
      <Popconfirm
        title={t('supervisor:calendar.confirmTitle', { year })}
        description={t('supervisor:calendar.confirmText')}
        okText={t('common:save')}
        cancelText={t('common:cancel')}
        onConfirm={() => save().catch(() => undefined)}
        disabled={!changed}
      >
        <Button type="primary" disabled={!changed} loading={correct.isPending}>
          {t('supervisor:calendar.saveCorrection')}
        </Button>
      </Popconfirm>
    </Form>
  );
}
