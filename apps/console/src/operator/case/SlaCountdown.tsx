import { Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../shared/i18n-helpers';
import { formatWorkingTime } from '../../shared/time';
import type { CaseDetail } from '../api-types';
import { slaTone, type SlaTone } from '../format';
import { SlaTag } from '../SlaTag';
import { isEnded } from './case-actions';

const COLOURS: Record<SlaTone, string | undefined> = {
  breached: '#cf1322',
  atRisk: '#ad6800',
  onTrack: '#389e0d',
  stopped: undefined,
};

/** Working time left on the promise, as the hotline computed it at the last refresh (every 30 s). */
export function SlaCountdown({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const view = detail.view;
  const sla = view?.sla ?? null;
  const stopped = !view || !sla || !!sla.placedAt || view.promiseWaived || isEnded(view.state);
  const tone = slaTone({ remaining: detail.remaining, breached: sla?.breached ?? false, stopped });

  let text: string;
  if (sla?.placedAt) text = t('operator:sla.placed');
  else if (view?.promiseWaived) text = t('operator:sla.waived');
  else if (!detail.remaining) text = t('operator:sla.none');
  else if (detail.remaining.ms < 0)
    text = t('operator:sla.overdueBy', { time: formatWorkingTime(-detail.remaining.ms, language) });
  else text = formatWorkingTime(detail.remaining.ms, language);

  return (
    <Space data-testid="sla-countdown" data-tone={tone}>
      <Typography.Text strong style={{ color: COLOURS[tone], fontSize: 18 }}>
        {text}
      </Typography.Text>
      <SlaTag tone={tone} />
    </Space>
  );
}
