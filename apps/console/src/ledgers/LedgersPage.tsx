import { DownloadOutlined, LockOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, apiFetch, type Service } from '../shared/api';
import { hasAnyRole, useUser } from '../shared/auth';
import { errorMessage, useLanguage } from '../shared/i18n-helpers';
import { useUnitNames } from '../shared/org-units';
import { shanghaiDay } from '../shared/time';
import { useOwnUnitOptions } from '../supervisor/common/unit-options';
import { fileNameOf, previousMonth } from '../supervisor/reports/report-file';
import { cellText } from './ledger-cells';

/** Five ledgers are the people service's, the employer vacancies the jobs service's: same routes in both. */
const LEDGERS = [
  { ledger: 'registered-unemployed', service: 'people' },
  { ledger: 'job-seekers', service: 'people' },
  { ledger: 'insured', service: 'people' },
  { ledger: 'retirees', service: 'people' },
  { ledger: 'training', service: 'people' },
  { ledger: 'vacancies', service: 'jobs' },
] as const satisfies ReadonlyArray<{ ledger: string; service: Service }>;
type LedgerKey = (typeof LEDGERS)[number]['ledger'];

/** Columns holding a unit code, shown by the unit's name. */
const UNIT_COLUMNS = new Set(['community', 'place']);
const PAGE = 20;

interface Correction {
  ledger: string;
  rowNo: number;
  field: string;
  oldValue: string | null;
  newValue: string | null;
  reason: string;
  correctedBy: string;
  correctedAt: string;
}
interface MonthView {
  state: 'open' | 'closed';
  closedAt: string | null;
  closedBy: string | null;
  ledgers: Array<{ ledger: LedgerKey; count: number }>;
  corrections: Correction[];
}
interface Column {
  key: string;
  zh: string;
  en: string;
}
type Row = Record<string, string | number | null>;
interface LedgerPage {
  columns: Column[];
  items: Row[];
  total: number;
  state: 'open' | 'closed';
}

const shanghaiTime = (iso: string) => dayjs(iso).add(8, 'hour').toISOString().slice(0, 16).replace('T', ' ');

/**
 * A unit's six ledgers for a month: counts, rows, exports, the month's close and its corrections. Supervisors
 * (their area) and station operators (their street, read and export only) open it.
 */
export function LedgersPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { message } = App.useApp();
  const user = useUser();
  const client = useQueryClient();
  const unitOptions = useOwnUnitOptions();
  const [unit, setUnit] = useState(user.orgCode);
  const [month, setMonth] = useState<Dayjs>(() => dayjs(`${previousMonth(shanghaiDay())}-01`));
  const [tab, setTab] = useState<LedgerKey>('registered-unemployed');
  const [page, setPage] = useState(1);
  const [busy, setBusy] = useState<'xlsx' | 'csv' | null>(null);
  const [correcting, setCorrecting] = useState<Row | null>(null);
  const query = { unit, month: month.format('YYYY-MM') };
  // Station operators read and export their area's ledgers; closing and correcting are the supervisors'.
  const supervises = hasAnyRole(user, ['supervisor', 'admin']);
  const serviceOf = (ledger: LedgerKey): Service => LEDGERS.find((l) => l.ledger === ledger)!.service;

  const months = useQuery({
    queryKey: ['ledgers', 'month', query],
    queryFn: async () => {
      const [people, jobs] = await Promise.all([
        api<MonthView>('people', '/ledgers', { query }),
        api<MonthView>('jobs', '/ledgers', { query }),
      ]);
      return { people, jobs };
    },
  });
  const rows = useQuery({
    queryKey: ['ledgers', 'rows', tab, query, page],
    queryFn: () =>
      api<LedgerPage>(serviceOf(tab), `/ledgers/${tab}`, {
        query: { ...query, limit: PAGE, offset: (page - 1) * PAGE },
      }),
  });
  const unitCodes = (rows.data?.items ?? []).flatMap((row) =>
    [...UNIT_COLUMNS].map((key) => String(row[key] ?? '')),
  );
  const nameOf = useUnitNames(unitCodes, language);

  const close = useMutation({
    mutationFn: async () => {
      await api('people', '/ledgers/close', { method: 'POST', body: query }).catch(alreadyClosedIsFine);
      await api('jobs', '/ledgers/close', { method: 'POST', body: query }).catch(alreadyClosedIsFine);
    },
    onSuccess: () => {
      void message.success(t('ledgers:closeDone', { month: query.month }));
      void client.invalidateQueries({ queryKey: ['ledgers'] });
    },
    onError: (error) => void message.error(errorMessage(error, language)),
  });

  const download = async (format: 'xlsx' | 'csv') => {
    setBusy(format);
    try {
      const response = await apiFetch(serviceOf(tab), `/ledgers/${tab}/export`, {
        query: { ...query, format },
      });
      const link = document.createElement('a');
      link.href = URL.createObjectURL(await response.blob());
      link.download = fileNameOf(
        response.headers.get('Content-Disposition'),
        `ledger-${tab}-${unit}-${query.month}.${format}`,
      );
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 0);
    } catch (error) {
      void message.error(errorMessage(error, language));
    } finally {
      setBusy(null);
    }
  };

  const view = months.data;
  const counts = new Map(
    [...(view?.people.ledgers ?? []), ...(view?.jobs.ledgers ?? [])].map((l) => [l.ledger, l.count]),
  );
  const bothClosed = view?.people.state === 'closed' && view.jobs.state === 'closed';
  const anyClosed = view?.people.state === 'closed' || view?.jobs.state === 'closed';
  const closedView = view?.people.state === 'closed' ? view.people : view?.jobs;
  const monthEnded = !month.isSame(dayjs(shanghaiDay()), 'month') && month.isBefore(dayjs(shanghaiDay()));
  const corrections = [...(view?.people.corrections ?? []), ...(view?.jobs.corrections ?? [])];

  const columns: ColumnsType<Row> = [
    ...(rows.data?.state === 'closed'
      ? [{ title: t('ledgers:rowNo'), dataIndex: 'rowNo', key: 'rowNo', width: 70 }]
      : []),
    ...(rows.data?.columns ?? []).map((c) => ({
      // A unit column holds a code in the data and the files; here it shows the unit's name.
      title: UNIT_COLUMNS.has(c.key) ? t(`ledgers:unitColumns.${c.key}`) : language === 'en' ? c.en : c.zh,
      key: c.key,
      render: (_: unknown, row: Row) =>
        UNIT_COLUMNS.has(c.key) && row[c.key] ? nameOf(String(row[c.key])) : cellText(row[c.key], language),
    })),
    ...(rows.data?.state === 'closed' && supervises
      ? [
          {
            title: '',
            key: 'correct',
            render: (_: unknown, row: Row) => (
              <Button
                size="small"
                onClick={() => setCorrecting(row)}
                data-testid={`ledger-correct-${row.rowNo}`}
              >
                {t('ledgers:correct')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        {t('ledgers:title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('ledgers:intro')}
      </Typography.Paragraph>
      <Card size="small">
        <Form layout="inline">
          <Form.Item label={t('ledgers:unit')} htmlFor="ledger-unit">
            <Select
              id="ledger-unit"
              style={{ width: 240 }}
              value={unit}
              options={unitOptions}
              onChange={(next: string) => {
                setUnit(next);
                setPage(1);
              }}
            />
          </Form.Item>
          <Form.Item label={t('ledgers:month')} htmlFor="ledger-month">
            <DatePicker
              id="ledger-month"
              picker="month"
              allowClear={false}
              value={month}
              disabledDate={(day) => day.isAfter(dayjs(shanghaiDay()), 'month')}
              onChange={(next) => {
                if (next) setMonth(next);
                setPage(1);
              }}
            />
          </Form.Item>
          <Space wrap>
            {bothClosed && closedView ? (
              <Tag icon={<LockOutlined />} color="green" data-testid="ledger-state">
                {t('ledgers:closed', { at: shanghaiTime(closedView.closedAt!), by: closedView.closedBy })}
              </Tag>
            ) : (
              <Tag color={anyClosed ? 'orange' : 'blue'} data-testid="ledger-state">
                {anyClosed ? t('ledgers:partlyClosed') : t('ledgers:open')}
              </Tag>
            )}
            {!bothClosed && supervises && (
              <Popconfirm
                title={t('ledgers:closeConfirm', { month: query.month })}
                onConfirm={() => close.mutate()}
                okText={t('ledgers:close')}
                cancelText={t('ledgers:cancel')}
                disabled={!monthEnded}
              >
                <Button
                  icon={<LockOutlined />}
                  loading={close.isPending}
                  disabled={!monthEnded}
                  title={monthEnded ? undefined : t('ledgers:monthNotEnded')}
                  data-testid="ledger-close"
                >
                  {t('ledgers:close')}
                </Button>
              </Popconfirm>
            )}
          </Space>
        </Form>
      </Card>
      {months.error && (
        <Alert
          type="error"
          showIcon
          title={t('ledgers:failed')}
          description={errorMessage(months.error, language)}
        />
      )}
      <Card size="small">
        <Tabs
          activeKey={tab}
          onChange={(next) => {
            setTab(next as LedgerKey);
            setPage(1);
          }}
          items={LEDGERS.map(({ ledger }) => ({
            key: ledger,
            label: (
              <span data-testid={`ledger-tab-${ledger}`}>
                {t(`ledgers:ledgers.${ledger}`)} ({counts.get(ledger) ?? '…'})
              </span>
            ),
          }))}
          tabBarExtraContent={
            <Space>
              <Button
                type="primary"
                icon={<DownloadOutlined />}
                loading={busy === 'xlsx'}
                onClick={() => void download('xlsx')}
                data-testid="ledger-export-xlsx"
              >
                {t('ledgers:exportXlsx')}
              </Button>
              <Button
                icon={<DownloadOutlined />}
                loading={busy === 'csv'}
                onClick={() => void download('csv')}
                data-testid="ledger-export-csv"
              >
                {t('ledgers:exportCsv')}
              </Button>
            </Space>
          }
        />
        {rows.error && <Alert type="error" showIcon description={errorMessage(rows.error, language)} />}
        <Table<Row>
          aria-label={t(`ledgers:ledgers.${tab}`)}
          data-testid="ledger-rows"
          rowKey={(row) => String(row.rowNo ?? JSON.stringify(row))}
          size="small"
          loading={rows.isLoading}
          columns={columns}
          dataSource={rows.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          pagination={{
            current: page,
            pageSize: PAGE,
            total: Math.min(rows.data?.total ?? 0, 10_000),
            showSizeChanger: false,
            showTotal: () => t('ledgers:rows', { count: rows.data?.total ?? 0 }),
            onChange: setPage,
          }}
        />
      </Card>
      <Card size="small" title={t('ledgers:corrections')}>
        <Table<Correction>
          aria-label={t('ledgers:corrections')}
          data-testid="ledger-corrections"
          rowKey={(c) => `${c.ledger}-${c.rowNo}-${c.correctedAt}-${c.field}`}
          size="small"
          pagination={false}
          locale={{ emptyText: t('ledgers:noCorrections') }}
          dataSource={corrections}
          columns={[
            {
              title: t('ledgers:correctionColumns.ledger'),
              key: 'ledger',
              render: (_, c) => t(`ledgers:ledgers.${c.ledger}`),
            },
            { title: t('ledgers:correctionColumns.row'), dataIndex: 'rowNo', key: 'row' },
            { title: t('ledgers:correctionColumns.field'), dataIndex: 'field', key: 'field' },
            {
              title: t('ledgers:correctionColumns.change'),
              key: 'change',
              render: (_, c) => `${c.oldValue ?? '—'} → ${c.newValue ?? '—'}`,
            },
            { title: t('ledgers:correctionColumns.reason'), dataIndex: 'reason', key: 'reason' },
            { title: t('ledgers:correctionColumns.by'), dataIndex: 'correctedBy', key: 'by' },
            {
              title: t('ledgers:correctionColumns.at'),
              key: 'at',
              render: (_, c) => shanghaiTime(c.correctedAt),
            },
          ]}
        />
      </Card>
      {correcting && rows.data && (
        <CorrectionDialog
          row={correcting}
          ledger={tab}
          columns={rows.data.columns}
          onClose={() => setCorrecting(null)}
          onSave={async (values) => {
            await api(serviceOf(tab), '/ledgers/corrections', {
              method: 'POST',
              body: { ...query, ledger: tab, rowNo: correcting.rowNo, ...values },
            });
            void message.success(t('ledgers:correctionDone'));
            setCorrecting(null);
            void client.invalidateQueries({ queryKey: ['ledgers'] });
          }}
        />
      )}
    </Space>
  );
}

/** The other service closed the month already (a second click after a partial close): not an error. */
function alreadyClosedIsFine(error: unknown): void {
  if ((error as { status?: number }).status !== 409) throw error;
}

function CorrectionDialog(props: {
  row: Row;
  ledger: LedgerKey;
  columns: Column[];
  onClose: () => void;
  onSave: (values: { field: string; newValue: string; reason: string }) => Promise<void>;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  return (
    <Modal
      open
      title={t('ledgers:correctTitle', {
        row: props.row.rowNo,
        ledger: t(`ledgers:ledgers.${props.ledger}`),
      })}
      okText={t('ledgers:save')}
      cancelText={t('ledgers:cancel')}
      confirmLoading={saving}
      onCancel={props.onClose}
      onOk={async () => {
        const values = await form.validateFields();
        setSaving(true);
        try {
          await props.onSave(values);
        } catch (failure) {
          setError(errorMessage(failure, language));
        } finally {
          setSaving(false);
        }
      }}
    >
      <Form form={form} layout="vertical">
        <Form.Item name="field" label={t('ledgers:field')} rules={[{ required: true }]}>
          <Select
            options={props.columns.map((c) => ({ value: c.key, label: language === 'en' ? c.en : c.zh }))}
          />
        </Form.Item>
        <Form.Item name="newValue" label={t('ledgers:newValue')} rules={[{ max: 200 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="reason" label={t('ledgers:reason')} rules={[{ required: true, min: 4, max: 500 }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon description={error} />}
    </Modal>
  );
}
