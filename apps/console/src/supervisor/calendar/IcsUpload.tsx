import { Alert, Button, Card, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors, useLanguage } from '../../shared/i18n-helpers';
import { problemLines } from '../common/problem-lines';
import { ProblemAlert } from '../common/ProblemAlert';
import { type ChangeReason, useUploadIcs } from './useCalendar';

const FILE_INPUT_ID = 'calendar-ics-file';
/** Shown next to their inputs; every other problem goes in the error box. */
export const REASON_FIELDS = ['source', 'reason'];

/**
 * Loads or replaces a whole year from an iCalendar file (events marked 休 / 班). The server checks the file;
 * what it rejects is shown here in its own words.
 */
export function IcsUpload({ year }: { year: number }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [form] = Form.useForm<ChangeReason>();
  const [file, setFile] = useState<File | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const upload = useUploadIcs(year);

  const submit = async (reason: ChangeReason) => {
    setProblems([]);
    if (!file) {
      setProblems([t('supervisor:calendar.chooseFile')]);
      return;
    }
    try {
      await upload.mutateAsync({ ...reason, ics: await file.text() });
    } catch (error) {
      applyFieldErrors(form, error, language);
      setProblems(problemLines(error, language, REASON_FIELDS));
    }
  };

  return (
    <Card title={t('supervisor:calendar.uploadTitle', { year })} size="small">
      <Form<ChangeReason>
        name="calendar-upload"
        form={form}
        layout="vertical"
        onFinish={(values) => void submit(values)}
      >
        <Form.Item label={t('supervisor:calendar.icsFile')} htmlFor={FILE_INPUT_ID} required>
          <input
            id={FILE_INPUT_ID}
            type="file"
            accept=".ics,text/calendar"
            data-testid="calendar-upload"
            onChange={(event) => {
              setFile(event.target.files?.[0] ?? null);
              setProblems([]);
              upload.reset();
            }}
          />
        </Form.Item>
        <ReasonFields />
        <Button type="primary" htmlType="submit" loading={upload.isPending}>
          {t('supervisor:calendar.upload')}
        </Button>
      </Form>
      <ProblemAlert
        testId="calendar-upload-error"
        title={t('supervisor:calendar.uploadFailed')}
        problems={problems}
      />
      {upload.data && (
        <Alert
          data-testid="calendar-upload-result"
          style={{ marginTop: 16 }}
          type="success"
          showIcon
          title={t('supervisor:calendar.saved', {
            year: upload.data.year,
            version: upload.data.version,
            holidays: upload.data.holidays,
            makeup: upload.data.makeupWorkdays,
          })}
        />
      )}
    </Card>
  );
}

/** Where the arrangement comes from and why it is loaded: the API requires both for its audit trail. */
export function ReasonFields() {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item
        name="source"
        label={t('supervisor:calendar.source')}
        rules={[{ required: true, min: 4, max: 300, message: t('supervisor:calendar.sourceRule') }]}
      >
        <Input placeholder={t('supervisor:calendar.sourcePlaceholder')} />
      </Form.Item>
      <Form.Item
        name="reason"
        label={t('supervisor:calendar.reason')}
        rules={[{ required: true, min: 2, max: 500, message: t('supervisor:calendar.reasonRule') }]}
      >
        <Input.TextArea rows={2} />
      </Form.Item>
    </>
  );
}
