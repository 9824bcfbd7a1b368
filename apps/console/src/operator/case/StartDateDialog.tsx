import { DatePicker, Form } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { shanghaiDay } from '../../shared/time';
import { ActionDialog } from './ActionDialog';

/** Asks for the day the person started work (today in Beijing by default) and sends it as yyyy-mm-dd. */
export function StartDateDialog(props: {
  open: boolean;
  title: string;
  onClose: () => void;
  onSubmit: (startedOn: string) => Promise<void>;
}) {
  const { t } = useTranslation();
  return (
    <ActionDialog<{ startedOn: Dayjs }>
      open={props.open}
      title={props.title}
      onClose={props.onClose}
      initialValues={{ startedOn: dayjs(shanghaiDay()) }}
      onSubmit={({ startedOn }) => props.onSubmit(startedOn.format('YYYY-MM-DD'))}
    >
      <Form.Item
        label={t('operator:action.startedOn')}
        name="startedOn"
        rules={[
          {
            required: true,
            message: t('operator:intake.chooseRequired', { field: t('operator:action.startedOn') }),
          },
        ]}
      >
        <DatePicker format="YYYY-MM-DD" />
      </Form.Item>
    </ActionDialog>
  );
}
