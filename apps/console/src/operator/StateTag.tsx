import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { HelpRequestState } from './api-types';

const COLOURS: Record<HelpRequestState, string> = {
  intake: 'default',
  registered: 'blue',
  matching: 'processing',
  escalated: 'orange',
  placed: 'green',
  callback: 'cyan',
  'following-up': 'geekblue',
  closed: 'default',
  withdrawn: 'default',
  unreachable: 'default',
  ineligible: 'default',
  'referred-elsewhere': 'default',
};

export function StateTag({ state, testId }: { state: HelpRequestState; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={COLOURS[state]} data-testid={testId} data-state={state}>
      {t(`common:caseState.${state}`)}
    </Tag>
  );
}
