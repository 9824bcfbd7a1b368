import { Alert, App, DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors, useLanguage } from '../../shared/i18n-helpers';
import { ProblemAlert } from '../common/ProblemAlert';
import { poolUsage } from './pool-usage';
import { type NewPool, type SlotHold, useCreatePool, useReserveSlot, type WelfarePool } from './useWelfare';

type PoolForm = Omit<NewPool, 'period'> & { period: Dayjs };

interface CreatePoolDialogProps {
  open: boolean;
  districtOptions: Array<{ value: string; label: string }>;
  onClose: () => void;
}

/** Registers a funded pool (one per district, post type and month; the API refuses a duplicate). */
export function CreatePoolDialog({ open, districtOptions, onClose }: CreatePoolDialogProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { message } = App.useApp();
  const [form] = Form.useForm<PoolForm>();
  const [problems, setProblems] = useState<string[]>([]);
  const create = useCreatePool();

  const close = () => {
    form.resetFields();
    setProblems([]);
    onClose();
  };
  const submit = async () => {
    const values = await form.validateFields();
    setProblems([]);
    try {
      await create.mutateAsync({ ...values, period: values.period.format('YYYY-MM') });
      void message.success(t('supervisor:welfare.poolCreated'));
      close();
    } catch (error) {
      setProblems(applyFieldErrors(form, error, language));
    }
  };

  return (
    <Modal
      open={open}
      title={t('supervisor:welfare.createPool')}
      okText={t('supervisor:welfare.create')}
      cancelText={t('common:cancel')}
      confirmLoading={create.isPending}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={close}
      destroyOnHidden
    >
      <Form<PoolForm>
        name="welfare-pool"
        form={form}
        layout="vertical"
        initialValues={{ priorityReserve: 0 }}
      >
        <Form.Item
          name="districtCode"
          label={t('supervisor:welfare.district')}
          rules={[{ required: true, message: t('supervisor:welfare.required') }]}
        >
          <Select options={districtOptions} />
        </Form.Item>
        <Form.Item
          name="postType"
          label={t('supervisor:welfare.postType')}
          rules={[{ required: true, whitespace: true, max: 100, message: t('supervisor:welfare.required') }]}
        >
          <Input placeholder={t('supervisor:welfare.postTypePlaceholder')} />
        </Form.Item>
        <Form.Item
          name="period"
          label={t('supervisor:welfare.period')}
          rules={[{ required: true, message: t('supervisor:welfare.required') }]}
        >
          <DatePicker picker="month" />
        </Form.Item>
        <Form.Item
          name="fundedSlots"
          label={t('supervisor:welfare.funded')}
          rules={[{ required: true, message: t('supervisor:welfare.required') }]}
        >
          <InputNumber min={0} max={100_000} precision={0} />
        </Form.Item>
        <Form.Item
          name="priorityReserve"
          label={t('supervisor:welfare.reserve')}
          extra={t('supervisor:welfare.reserveHelp')}
        >
          <InputNumber min={0} max={100_000} precision={0} />
        </Form.Item>
      </Form>
      <ProblemAlert title={t('supervisor:welfare.failed')} problems={problems} />
    </Modal>
  );
}

type HoldForm = Omit<SlotHold, 'holdMinutes'> & { holdHours: number };

/** Holds one slot of a pool for a case; the person then has the hold's time to take the post. */
export function ReserveSlotDialog({ pool, onClose }: { pool: WelfarePool | null; onClose: () => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<HoldForm>();
  const [problems, setProblems] = useState<string[]>([]);
  const reserve = useReserveSlot();

  const close = () => {
    form.resetFields();
    setProblems([]);
    onClose();
  };
  const hold = async (poolId: string, values: HoldForm) => {
    setProblems([]);
    try {
      const { holdHours, ...rest } = values;
      await reserve.mutateAsync({ poolId, hold: { ...rest, holdMinutes: holdHours * 60 } });
      void message.success(t('supervisor:welfare.reserved'));
      close();
    } catch (error) {
      setProblems(applyFieldErrors(form, error, language));
    }
  };
  // Allocation uses up public money: one more explicit confirmation before the slot is held.
  const submit = async () => {
    if (!pool) return;
    const values = await form.validateFields();
    modal.confirm({
      title: t('supervisor:welfare.confirmReserveTitle'),
      content: t('supervisor:welfare.confirmReserveText', {
        postType: pool.postType,
        period: pool.period,
        caseId: values.caseId,
        hours: values.holdHours,
      }),
      okText: t('supervisor:welfare.reserveSlot'),
      cancelText: t('common:cancel'),
      onOk: () => hold(pool.id, values),
    });
  };

  return (
    <Modal
      open={pool !== null}
      title={
        pool ? t('supervisor:welfare.reserveTitle', { postType: pool.postType, period: pool.period }) : ''
      }
      okText={t('supervisor:welfare.reserveSlot')}
      cancelText={t('common:cancel')}
      confirmLoading={reserve.isPending}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={close}
      destroyOnHidden
    >
      {pool && (
        <Alert
          type="info"
          style={{ marginBottom: 16 }}
          title={t('supervisor:welfare.freeDetail', {
            free: poolUsage(pool).free,
            anyone: poolUsage(pool).freeForAnyone,
          })}
        />
      )}
      <Form<HoldForm>
        name="welfare-hold"
        form={form}
        layout="vertical"
        initialValues={{ categories: [], holdHours: 24 }}
      >
        <Form.Item
          name="caseId"
          label={t('supervisor:welfare.caseId')}
          rules={[{ required: true, whitespace: true, max: 100, message: t('supervisor:welfare.required') }]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          name="personId"
          label={t('supervisor:welfare.personId')}
          extra={t('supervisor:welfare.personIdHelp')}
          rules={[{ required: true, whitespace: true, max: 100, message: t('supervisor:welfare.required') }]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          name="categories"
          label={t('supervisor:welfare.categories')}
          extra={t('supervisor:welfare.categoriesHelp')}
        >
          <Select mode="tags" tokenSeparators={[',', ' ']} />
        </Form.Item>
        <Form.Item
          name="holdHours"
          label={t('supervisor:welfare.holdHours')}
          rules={[{ required: true, message: t('supervisor:welfare.required') }]}
        >
          <InputNumber min={1} max={168} precision={0} />
        </Form.Item>
      </Form>
      <ProblemAlert title={t('supervisor:welfare.failed')} problems={problems} />
    </Modal>
  );
}
