import { Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../shared/i18n-helpers';
import { formatWorkingTime } from '../../shared/time';
import type { CaseDetail } from '../api-types';
import { slaTone, type SlaTone } from '../format';
import { SlaTag } from '../SlaTag';
import { isEnded } from './case-actions';

const COLOURS: Partial<Record<SlaTone, string>> = {
  breached: '#cf1322',
  atRisk: '#ad6800',
  onTrack: '#389e0d',
  kept: '#389e0d',
};

/** The promise and the working time left, as the hotline computed them at the last refresh (every 30 s). */
export function SlaCountdown({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const view = detail.view;
  const sla = view?.sla ?? null;
  const promise = view?.promise ?? 'active';
  // Time is counted only while a placement is awaited against the promise.
  const counting =
    !!view && !sla?.placedAt && !isEnded(view.state) && (promise === 'active' || promise === 'late');
  const remaining = counting ? detail.remaining : null;
  const tone = slaTone({ promise, remaining });

  let text: string;
  if (promise === 'kept') text = t('operator:sla.placed');
  else if (promise === 'late' && sla?.placedAt) text = t('operator:sla.placedLate');
  else if (promise === 'waived') text = t('operator:sla.waived');
  else if (promise === 'not-applicable') text = t('operator:sla.notApplicable');
  else if (!remaining) text = t(promise === 'late' ? 'operator:sla.late' : 'operator:sla.none');
  else if (remaining.ms < 0)
    text = t('operator:sla.overdueBy', { time: formatWorkingTime(-remaining.ms, language) });
  else text = formatWorkingTime(remaining.ms, language);

  return (
    <Space data-testid="sla-countdown" data-tone={tone} data-promise={promise}>
      <Typography.Text strong style={{ color: COLOURS[tone], fontSize: 18 }}>
        {text}
      </Typography.Text>
      <SlaTag tone={tone} />
    </Space>
  );
}
