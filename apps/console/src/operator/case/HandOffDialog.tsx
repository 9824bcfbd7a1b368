import { Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage, useLanguage } from '../../shared/i18n-helpers';
import { unitName } from '../../shared/org-units';
import { ActionDialog } from './ActionDialog';
import { useHandOffCandidates } from './use-case';

interface HandOffValues {
  toOwner: string;
  reason: string;
}

interface Props {
  caseId: string;
  /** The current owner, who is not offered. */
  owner: string;
  open: boolean;
  onClose: () => void;
  onSubmit: (values: HandOffValues) => Promise<unknown>;
}

/** Hand the case to a colleague picked from the staff whose area holds it (nearest first). */
export function HandOffDialog({ caseId, owner, open, onClose, onSubmit }: Props) {
  const { t } = useTranslation();
  const language = useLanguage();
  const candidates = useHandOffCandidates(caseId, open);
  const options = (candidates.data ?? [])
    .filter(({ username }) => username !== owner)
    .map((candidate) => ({
      value: candidate.username,
      label: `${candidate.displayName}（${candidate.username}）· ${unitName(
        { nameZh: candidate.orgNameZh, nameEn: candidate.orgNameEn },
        language,
      )}`,
    }));
  const required = (field: string) => ({
    required: true,
    whitespace: true,
    message: t('operator:intake.required', { field: t(field) }),
  });

  return (
    <ActionDialog<HandOffValues>
      open={open}
      title={t('operator:action.handoff')}
      onClose={onClose}
      initialValues={{ reason: '' }}
      onSubmit={onSubmit}
    >
      <Form.Item
        label={t('operator:action.toOwner')}
        name="toOwner"
        extra={t('operator:action.toOwnerHelp')}
        validateStatus={candidates.isError ? 'error' : undefined}
        help={candidates.isError ? errorMessage(candidates.error, language) : undefined}
        rules={[required('operator:action.toOwner')]}
      >
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          loading={candidates.isLoading}
          options={options}
          placeholder={t('operator:action.toOwnerPlaceholder')}
          notFoundContent={candidates.isLoading ? null : t('operator:action.noColleagues')}
        />
      </Form.Item>
      <Form.Item
        label={t('operator:action.handoffReason')}
        name="reason"
        rules={[required('operator:action.handoffReason'), { max: 500 }]}
      >
        <Input.TextArea rows={3} maxLength={500} showCount />
      </Form.Item>
    </ActionDialog>
  );
}
