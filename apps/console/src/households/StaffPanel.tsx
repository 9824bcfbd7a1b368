import { Button, Card, Descriptions, Form, Input, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage, useLanguage } from '../shared/i18n-helpers';
import { unitName } from '../shared/org-units';
import { ActionDialog } from '../operator/case/ActionDialog';
import { type EpisodeDetail, STAFF_LEVELS, type StaffLevel } from './api-types';
import { useEpisodeAction, useStaffCandidates } from './use-households';

/**
 * Who is in charge of the household: the one-to-one helper (一对一帮扶人), the community's and the street's staff,
 * each by name; assigned from the staff whose area covers the household.
 */
export function StaffPanel({ detail }: { detail: EpisodeDetail }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { summary, view } = detail;
  const closed = view.status === 'closed';
  // Read with the page: the candidates name the staff already in charge, too.
  const candidates = useStaffCandidates(summary.episodeId, true);
  const action = useEpisodeAction(summary.episodeId);
  const [level, setLevel] = useState<StaffLevel | null>(null);
  const nameOf = (username: string) =>
    candidates.data?.find((c) => c.username === username)?.displayName ??
    (username === summary.helper ? summary.helperName : null) ??
    username;

  return (
    <Card
      size="small"
      data-testid="episode-staff"
      title={
        <Typography.Title level={3} style={{ margin: 0, fontSize: 16 }}>
          {t('households:staff.title')}
        </Typography.Title>
      }
    >
      <Descriptions
        size="small"
        column={{ xs: 1, md: 3 }}
        items={STAFF_LEVELS.map((key) => {
          const username = view.staff[key];
          return {
            key,
            label: t(`households:staff.levels.${key}`),
            children: (
              <span data-testid={`staff-${key}`}>
                {username ? (
                  nameOf(username)
                ) : (
                  <Typography.Text type="secondary">{t('households:staff.notAssigned')}</Typography.Text>
                )}
                {!closed && (
                  <Button
                    type="link"
                    size="small"
                    onClick={() => setLevel(key)}
                    aria-label={`${t(username ? 'households:staff.change' : 'households:staff.assign')} ${t(`households:staff.levels.${key}`)}`}
                  >
                    {t(username ? 'households:staff.change' : 'households:staff.assign')}
                  </Button>
                )}
              </span>
            ),
          };
        })}
      />
      <ActionDialog<{ username: string; note: string }>
        open={level !== null}
        title={t('households:staff.dialogTitle', {
          level: level ? t(`households:staff.levels.${level}`) : '',
        })}
        onClose={() => setLevel(null)}
        initialValues={{ note: '' }}
        onSubmit={({ username, note }) =>
          action.mutateAsync({ path: 'staff', body: { level, username, note: note || undefined } })
        }
      >
        <Form.Item
          label={t('households:staff.person')}
          name="username"
          htmlFor="staff-person"
          validateStatus={candidates.isError ? 'error' : undefined}
          help={candidates.isError ? errorMessage(candidates.error, language) : undefined}
          rules={[
            {
              required: true,
              message: t('households:actions.choose', { field: t('households:staff.person') }),
            },
          ]}
        >
          <Select
            id="staff-person"
            showSearch={{ optionFilterProp: 'label' }}
            loading={candidates.isLoading}
            options={(candidates.data ?? []).map((c) => ({
              value: c.username,
              label: `${c.displayName} · ${unitName({ nameZh: c.orgNameZh, nameEn: c.orgNameEn }, language)}`,
            }))}
          />
        </Form.Item>
        <Form.Item label={t('households:staff.note')} name="note" rules={[{ max: 500 }]}>
          <Input.TextArea rows={2} maxLength={500} showCount />
        </Form.Item>
      </ActionDialog>
    </Card>
  );
}
