import { DownloadOutlined, EyeOutlined } from '@ant-design/icons';
import { Alert, Button, Card, DatePicker, Form, Select, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiFetch } from '../../shared/api';
import { useUser } from '../../shared/auth';
import { errorMessage, useLanguage } from '../../shared/i18n-helpers';
import { shanghaiDay } from '../../shared/time';
import { useOwnUnitOptions } from '../common/unit-options';
import { fileNameOf, parseCsv, previousMonth } from './report-file';

type Format = 'csv' | 'xlsx';

/** Monthly KPI report of a unit and its children: downloaded as CSV or Excel, previewed in the page. */
export function ReportsPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const user = useUser();
  const [month, setMonth] = useState<Dayjs>(() => dayjs(`${previousMonth(shanghaiDay())}-01`));
  const [unit, setUnit] = useState(user.orgCode);
  const [busy, setBusy] = useState<Format | 'preview' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [preview, setPreview] = useState<string[][] | null>(null);
  const query = { month: month.format('YYYY-MM'), unit };

  const fetchReport = (format: Format) =>
    apiFetch('hotline', '/reports/monthly', { query: { ...query, format } });

  const run = async (what: Format | 'preview', work: () => Promise<void>) => {
    setBusy(what);
    setError(null);
    try {
      await work();
    } catch (failure) {
      setError(errorMessage(failure, language));
    } finally {
      setBusy(null);
    }
  };

  const download = (format: Format) =>
    run(format, async () => {
      const response = await fetchReport(format);
      const name = fileNameOf(
        response.headers.get('Content-Disposition'),
        `962110-report-${unit}-${query.month}.${format}`,
      );
      const url = URL.createObjectURL(await response.blob());
      const link = document.createElement('a');
      link.href = url;
      link.download = name;
      link.click();
      // The click has handed the blob to the download; the URL is no longer needed.
      setTimeout(() => URL.revokeObjectURL(url), 0);
    });

  const showPreview = () =>
    run('preview', async () => {
      const response = await fetchReport('csv');
      setPreview(parseCsv(await response.text()));
    });

  const unitOptions = useOwnUnitOptions();

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        {t('supervisor:reports.title')}
      </Typography.Title>
      <Card size="small">
        <Form layout="inline">
          <Form.Item label={t('supervisor:reports.month')} htmlFor="report-month">
            <DatePicker
              id="report-month"
              picker="month"
              allowClear={false}
              value={month}
              disabledDate={(day) => day.isAfter(dayjs(shanghaiDay()), 'month')}
              onChange={(next) => {
                if (next) setMonth(next);
                setPreview(null);
              }}
            />
          </Form.Item>
          <Form.Item label={t('supervisor:kpis.unit')} htmlFor="report-unit">
            <Select
              id="report-unit"
              style={{ width: 240 }}
              value={unit}
              options={unitOptions}
              onChange={(next: string) => {
                setUnit(next);
                setPreview(null);
              }}
            />
          </Form.Item>
          <Space wrap>
            <Button
              type="primary"
              icon={<DownloadOutlined />}
              loading={busy === 'csv'}
              onClick={() => void download('csv')}
              data-testid="report-download-csv"
            >
              {t('supervisor:reports.downloadCsv')}
            </Button>
            <Button
              icon={<DownloadOutlined />}
              loading={busy === 'xlsx'}
              onClick={() => void download('xlsx')}
              data-testid="report-download-xlsx"
            >
              {t('supervisor:reports.downloadXlsx')}
            </Button>
            <Button
              icon={<EyeOutlined />}
              loading={busy === 'preview'}
              onClick={() => void showPreview()}
              data-testid="report-preview-button"
            >
              {t('supervisor:reports.preview')}
            </Button>
          </Space>
        </Form>
      </Card>
      {error && <Alert type="error" showIcon title={t('supervisor:reports.failed')} description={error} />}
      {preview && <ReportPreview rows={preview} month={query.month} />}
    </Space>
  );
}

/** The CSV as a table: its first line (bilingual headers) as columns. */
function ReportPreview({ rows, month }: { rows: string[][]; month: string }) {
  const { t } = useTranslation();
  const [headers = [], ...lines] = rows;
  const columns: ColumnsType<string[]> = headers.map((header, index) => ({
    title: header,
    key: String(index),
    render: (_, line) => line[index],
    align: index >= 2 ? 'right' : 'left',
  }));
  return (
    <Card title={t('supervisor:reports.previewTitle', { month })} size="small">
      <Table<string[]>
        aria-label={t('supervisor:reports.previewTitle', { month })}
        data-testid="report-preview"
        rowKey={(line) => line[0]}
        size="small"
        columns={columns}
        dataSource={lines}
        pagination={false}
        scroll={{ x: 'max-content' }}
      />
    </Card>
  );
}
