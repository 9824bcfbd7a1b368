import { App, Button, Form, Input, Space, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ActionDialog } from '../../operator/case/ActionDialog';
import { HandOffDialog } from '../../operator/case/HandOffDialog';
import { useCaseAction } from '../../operator/case/use-case';
import type { BoardItem } from './board-rows';
import { BOARD_KEY } from './useBoard';

interface EscalateValues {
  reason: string;
}

/**
 * What a supervisor does from a board row: open the case, hand it to a colleague (the case's hand-off, staff
 * picked by name) or escalate it now (after confirming, with a reason). The hotline checks role and area again.
 */
export function BoardRowActions({ item }: { item: BoardItem }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const action = useCaseAction(item.caseId);
  const [dialog, setDialog] = useState<'handoff' | 'escalate' | null>(null);
  const close = () => setDialog(null);
  const send = async (path: string, body: unknown) => {
    await action.mutateAsync({ path, body });
    void queryClient.invalidateQueries({ queryKey: BOARD_KEY });
    void message.success(t('supervisor:actions.done'));
  };
  const who = item.ownerName ?? item.owner;

  return (
    <>
      <Space size={4} wrap={false} role="group" aria-label={t('supervisor:actions.label', { owner: who })}>
        <Link to={`/operator/cases/${item.caseId}`}>{t('supervisor:actions.open')}</Link>
        <Button size="small" onClick={() => setDialog('handoff')}>
          {t('supervisor:actions.handOff')}
        </Button>
        <Button
          size="small"
          danger
          disabled={item.escalationKind !== null || item.placedAt !== null}
          onClick={() => setDialog('escalate')}
        >
          {t('supervisor:actions.escalate')}
        </Button>
      </Space>
      {dialog === 'handoff' && (
        <HandOffDialog
          caseId={item.caseId}
          owner={item.owner}
          open
          onClose={close}
          onSubmit={(values) => send('/handoff', values)}
        />
      )}
      <ActionDialog<EscalateValues>
        open={dialog === 'escalate'}
        title={t('supervisor:actions.escalateTitle')}
        onClose={close}
        initialValues={{ reason: '' }}
        onSubmit={(values) => send('/escalate', values)}
      >
        <Typography.Paragraph>{t('supervisor:actions.escalateConfirm', { owner: who })}</Typography.Paragraph>
        <Form.Item
          label={t('supervisor:actions.escalateReason')}
          name="reason"
          rules={[
            {
              required: true,
              whitespace: true,
              message: t('supervisor:actions.reasonRequired'),
            },
            { max: 500 },
          ]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </ActionDialog>
    </>
  );
}
