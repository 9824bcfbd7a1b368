import { Card, DatePicker, Form } from 'antd';
import type { RuleObject } from 'antd/es/form';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { shanghaiDay } from '../../shared/time';
import { beijingWallClockToIso } from '../format';

/** The picked time is read as Beijing wall-clock time, whatever the browser's zone. */
export const RECEIVED_AT_FORMAT = 'YYYY-MM-DD HH:mm';
/** The hotline accepts a call keyed in later up to 30 days after it was received. */
const MAX_BACKDATE_MS = 30 * 24 * 3600_000;

/** When a call taken earlier (e.g. on paper during an outage) is keyed in: the clock starts at the call. */
export function ReceivedAtField() {
  const { t } = useTranslation();
  const receivedAtRule: RuleObject['validator'] = async (_rule, value: Dayjs | null | undefined) => {
    if (!value) return;
    const at = Date.parse(beijingWallClockToIso(value.format(RECEIVED_AT_FORMAT)));
    if (at > Date.now()) throw new Error(t('operator:intake.receivedAtFuture'));
    if (Date.now() - at > MAX_BACKDATE_MS) throw new Error(t('operator:intake.receivedAtTooOld'));
  };

  return (
    <Card title={t('operator:intake.receivedSection')} size="small" style={{ marginBottom: 16 }}>
      <Form.Item
        label={t('operator:intake.receivedAt')}
        name="receivedAt"
        extra={t('operator:intake.receivedAtHelp')}
        rules={[{ validator: receivedAtRule }]}
      >
        {/* No "now" button and days counted in Beijing: the browser's own zone may differ. */}
        <DatePicker
          showTime={{ format: 'HH:mm' }}
          showNow={false}
          format={RECEIVED_AT_FORMAT}
          disabledDate={(day) => {
            const today = dayjs(shanghaiDay());
            return day.isAfter(today, 'day') || day.isBefore(today.subtract(30, 'day'), 'day');
          }}
          style={{ width: 240 }}
        />
      </Form.Item>
    </Card>
  );
}
