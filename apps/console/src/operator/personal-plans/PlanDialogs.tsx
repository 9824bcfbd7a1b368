import {
  Button,
  Checkbox,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Radio,
  Select,
  Space,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../shared/i18n-helpers';
import { shanghaiDay } from '../../shared/time';
import { ActionDialog } from '../case/ActionDialog';
import { useHandOffCandidates } from '../case/use-case';
import {
  PLAN_ITEM_KINDS,
  PlanItem,
  PlanItemKind,
  useAddPlanItem,
  useAgreePlan,
  useClosePlanItem,
  useReviewPlan,
  type ReviewChange,
} from './use-personal-plan';

interface ItemValues {
  kind: PlanItemKind;
  description: string;
  dueOn: Dayjs;
  responsible: string;
}

const day = (value: Dayjs) => value.format('YYYY-MM-DD');

/** Staff who may be responsible for an item: the accounts whose area holds the case, by name. */
function useStaffOptions(caseId: string) {
  const language = useLanguage();
  const staff = useHandOffCandidates(caseId, true);
  return (staff.data ?? []).map((s) => ({
    value: s.username,
    label: `${s.displayName}（${language === 'en' ? (s.orgNameEn ?? s.orgNameZh) : s.orgNameZh}）`,
  }));
}

/** The fields of one agreed service; `prefix` is its place in a Form.List (or none for a single item). */
function ItemFields({ caseId, prefix }: { caseId: string; prefix: Array<string | number> }) {
  const { t } = useTranslation();
  const staff = useStaffOptions(caseId);
  const required = { required: true, message: t('plans:form.required') };
  return (
    <>
      <Form.Item label={t('plans:form.kind')} name={[...prefix, 'kind']} rules={[required]}>
        <Select options={PLAN_ITEM_KINDS.map((kind) => ({ value: kind, label: t(`plans:kind.${kind}`) }))} />
      </Form.Item>
      <Form.Item
        label={t('plans:form.description')}
        name={[...prefix, 'description']}
        rules={[{ required: true, whitespace: true, max: 500, message: t('plans:form.descriptionRule') }]}
      >
        <Input maxLength={500} />
      </Form.Item>
      <Space wrap>
        <Form.Item label={t('plans:form.dueOn')} name={[...prefix, 'dueOn']} rules={[required]}>
          <DatePicker format="YYYY-MM-DD" />
        </Form.Item>
        <Form.Item label={t('plans:form.responsible')} name={[...prefix, 'responsible']} rules={[required]}>
          <Select style={{ minWidth: 220 }} options={staff} showSearch optionFilterProp="label" />
        </Form.Item>
      </Space>
    </>
  );
}

/** The assistance agreement: when and how the person agreed, the goals and the agreed services. */
export function AgreePlanDialog({
  caseId,
  responsible,
  onClose,
}: {
  caseId: string;
  responsible: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const agree = useAgreePlan(caseId);
  const firstItem = { kind: 'job-recommendation', responsible };
  return (
    <ActionDialog<{
      agreedOn: Dayjs;
      method: 'station' | 'phone';
      witnessName?: string;
      readBackConfirmed?: boolean;
      goals: string;
      targetJob?: string;
      expectedMonthlyIncomeYuan?: number;
      items: ItemValues[];
    }>
      open
      title={t('plans:agree')}
      onClose={onClose}
      initialValues={{ agreedOn: dayjs(shanghaiDay()), method: 'station', items: [firstItem as ItemValues] }}
      onSubmit={(values) =>
        agree.mutateAsync({
          agreedOn: day(values.agreedOn),
          agreement:
            values.method === 'station'
              ? { method: 'station', witnessName: values.witnessName?.trim() ?? '' }
              : { method: 'phone', readBackConfirmed: !!values.readBackConfirmed },
          goals: values.goals.trim(),
          ...(values.targetJob?.trim() ? { targetJob: values.targetJob.trim() } : {}),
          ...(values.expectedMonthlyIncomeYuan != null
            ? { expectedMonthlyIncomeYuan: values.expectedMonthlyIncomeYuan }
            : {}),
          items: values.items.map((item) => ({
            kind: item.kind,
            description: item.description.trim(),
            dueOn: day(item.dueOn),
            responsible: item.responsible,
          })),
        })
      }
    >
      <Form.Item
        label={t('plans:form.agreedOn')}
        name="agreedOn"
        rules={[{ required: true, message: t('plans:form.required') }]}
      >
        <DatePicker format="YYYY-MM-DD" />
      </Form.Item>
      <Form.Item label={t('plans:form.how')} name="method">
        <Radio.Group>
          <Radio.Button value="station">{t('plans:form.station')}</Radio.Button>
          <Radio.Button value="phone">{t('plans:form.phone')}</Radio.Button>
        </Radio.Group>
      </Form.Item>
      <Form.Item noStyle dependencies={['method']}>
        {({ getFieldValue }) =>
          getFieldValue('method') === 'station' ? (
            <Form.Item
              label={t('plans:form.witness')}
              name="witnessName"
              rules={[{ required: true, whitespace: true, max: 50, message: t('plans:form.witnessRule') }]}
            >
              <Input maxLength={50} />
            </Form.Item>
          ) : (
            <Form.Item
              name="readBackConfirmed"
              valuePropName="checked"
              rules={[
                {
                  validator: (_, value) =>
                    value ? Promise.resolve() : Promise.reject(new Error(t('plans:form.readBackRule'))),
                },
              ]}
            >
              <Checkbox>{t('plans:form.readBack')}</Checkbox>
            </Form.Item>
          )
        }
      </Form.Item>
      <Form.Item
        label={t('plans:form.goals')}
        name="goals"
        rules={[{ required: true, whitespace: true, max: 1000, message: t('plans:form.goalsRule') }]}
      >
        <Input.TextArea rows={2} maxLength={1000} />
      </Form.Item>
      <Space wrap>
        <Form.Item label={t('plans:form.targetJob')} name="targetJob">
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item label={t('plans:form.expectedIncome')} name="expectedMonthlyIncomeYuan">
          <InputNumber min={0} max={1_000_000} precision={0} style={{ width: 160 }} />
        </Form.Item>
      </Space>
      <Typography.Text strong>{t('plans:form.items')}</Typography.Text>
      <Form.List name="items">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field) => (
              <div
                key={field.key}
                data-testid="plan-item-fields"
                style={{ borderTop: '1px solid #f0f0f0', paddingTop: 8, marginTop: 8 }}
              >
                <ItemFields caseId={caseId} prefix={[field.name]} />
                {fields.length > 1 && (
                  <Button size="small" onClick={() => remove(field.name)}>
                    {t('plans:form.removeItem')}
                  </Button>
                )}
              </div>
            ))}
            <Button
              style={{ margin: '8px 0 16px' }}
              onClick={() => add({ kind: 'training', responsible })}
              disabled={fields.length >= 20}
            >
              {t('plans:form.addItem')}
            </Button>
          </>
        )}
      </Form.List>
    </ActionDialog>
  );
}

/** One more agreed service on the plan in force. */
export function AddItemDialog({
  caseId,
  planId,
  responsible,
  onClose,
}: {
  caseId: string;
  planId: string;
  responsible: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const addItem = useAddPlanItem(caseId, planId);
  return (
    <ActionDialog<ItemValues>
      open
      title={t('plans:itemForm.title')}
      onClose={onClose}
      initialValues={{ kind: 'training', responsible }}
      onSubmit={(values) =>
        addItem.mutateAsync({
          kind: values.kind,
          description: values.description.trim(),
          dueOn: day(values.dueOn),
          responsible: values.responsible,
        })
      }
    >
      <ItemFields caseId={caseId} prefix={[]} />
    </ActionDialog>
  );
}

/** An item done or dropped, with what came of it. */
export function CloseItemDialog({
  caseId,
  planId,
  item,
  status,
  onClose,
}: {
  caseId: string;
  planId: string;
  item: PlanItem;
  status: 'done' | 'dropped';
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const close = useClosePlanItem(caseId, planId);
  return (
    <ActionDialog<{ outcome: string }>
      open
      title={t('plans:closeTitle', {
        action: t(status === 'done' ? 'plans:markDone' : 'plans:markDropped'),
        description: item.description,
      })}
      onClose={onClose}
      onSubmit={(values) => close.mutateAsync({ itemId: item.id, status, outcome: values.outcome.trim() })}
    >
      <Form.Item
        label={t('plans:outcome')}
        name="outcome"
        rules={[{ required: true, whitespace: true, max: 500, message: t('plans:outcomeRule') }]}
      >
        <Input.TextArea rows={2} maxLength={500} />
      </Form.Item>
    </ActionDialog>
  );
}

type ReviewAction = 'keep' | 'done' | 'dropped' | 'reschedule';

/** The plan reviewed at a contact: a note, and for each open item what changed. */
export function ReviewPlanDialog({
  caseId,
  planId,
  items,
  onClose,
}: {
  caseId: string;
  planId: string;
  items: PlanItem[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const review = useReviewPlan(caseId, planId);
  const open = items.filter((item) => item.status === 'open');
  return (
    <ActionDialog<{
      note: string;
      changes: Record<string, { action: ReviewAction; outcome?: string; dueOn?: Dayjs; reason?: string }>;
    }>
      open
      title={t('plans:reviewForm.title')}
      onClose={onClose}
      initialValues={{
        changes: Object.fromEntries(open.map((item) => [item.id, { action: 'keep' as const }])),
      }}
      onSubmit={(values) =>
        review.mutateAsync({
          note: values.note.trim(),
          items: open.flatMap((item): ReviewChange[] => {
            const change = values.changes?.[item.id];
            if (!change || change.action === 'keep') return [];
            if (change.action === 'reschedule')
              return [
                {
                  itemId: item.id,
                  dueOn: change.dueOn ? day(change.dueOn) : '',
                  reason: change.reason?.trim() ?? '',
                },
              ];
            return [{ itemId: item.id, status: change.action, outcome: change.outcome?.trim() ?? '' }];
          }),
        })
      }
    >
      <Form.Item
        label={t('plans:reviewForm.note')}
        name="note"
        rules={[{ required: true, whitespace: true, max: 2000, message: t('plans:reviewForm.noteRule') }]}
      >
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
      {open.map((item) => (
        <div
          key={item.id}
          data-testid="review-item"
          style={{ borderTop: '1px solid #f0f0f0', paddingTop: 8, marginTop: 8 }}
        >
          <Typography.Text>
            {t(`plans:kind.${item.kind}`)} · {item.description} · {item.dueOn}
          </Typography.Text>
          <Form.Item name={['changes', item.id, 'action']} label={t('plans:reviewForm.change')}>
            <Radio.Group>
              <Radio.Button value="keep">{t('plans:reviewForm.keep')}</Radio.Button>
              <Radio.Button value="done">{t('plans:reviewForm.done')}</Radio.Button>
              <Radio.Button value="dropped">{t('plans:reviewForm.dropped')}</Radio.Button>
              <Radio.Button value="reschedule">{t('plans:reviewForm.reschedule')}</Radio.Button>
            </Radio.Group>
          </Form.Item>
          <Form.Item noStyle dependencies={[['changes', item.id, 'action']]}>
            {({ getFieldValue }) => {
              const action = getFieldValue(['changes', item.id, 'action']) as ReviewAction;
              if (action === 'done' || action === 'dropped')
                return (
                  <Form.Item
                    name={['changes', item.id, 'outcome']}
                    label={t('plans:outcome')}
                    rules={[{ required: true, whitespace: true, message: t('plans:outcomeRule') }]}
                  >
                    <Input maxLength={500} />
                  </Form.Item>
                );
              if (action === 'reschedule')
                return (
                  <Space wrap>
                    <Form.Item
                      name={['changes', item.id, 'dueOn']}
                      label={t('plans:reviewForm.newDueOn')}
                      rules={[{ required: true, message: t('plans:form.required') }]}
                    >
                      <DatePicker format="YYYY-MM-DD" />
                    </Form.Item>
                    <Form.Item
                      name={['changes', item.id, 'reason']}
                      label={t('plans:reviewForm.reason')}
                      rules={[{ required: true, whitespace: true, message: t('plans:form.required') }]}
                    >
                      <Input maxLength={500} />
                    </Form.Item>
                  </Space>
                );
              return null;
            }}
          </Form.Item>
        </div>
      ))}
    </ActionDialog>
  );
}
