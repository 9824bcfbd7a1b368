import { Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../shared/i18n-helpers';
import { formatInstant } from '../../shared/time';
import type { CaseTimelineEntry } from '../api-types';

const ALERT_KINDS = new Set(['sla-breach', 'escalation-failed']);
const WARNING_KINDS = new Set(['sla-warning', 'escalation', 'promise-waived']);

/** What happened on the case, newest first, in Beijing time. */
export function CaseTimeline({ entries }: { entries: CaseTimelineEntry[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const newestFirst = [...entries].sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
  if (!newestFirst.length)
    return <Typography.Text type="secondary">{t('operator:timeline.empty')}</Typography.Text>;

  return (
    <div data-testid="timeline">
      <Timeline
        items={newestFirst.map((entry, index) => ({
          key: `${entry.at}-${entry.kind}-${index}`,
          color: ALERT_KINDS.has(entry.kind) ? 'red' : WARNING_KINDS.has(entry.kind) ? 'orange' : 'blue',
          content: (
            <>
              <Typography.Text type="secondary">{formatInstant(entry.at, language)}</Typography.Text>{' '}
              <Typography.Text strong>{t(`operator:timeline.kind.${entry.kind}`)}</Typography.Text>
              {/* The hotline's sentence (names, dates in Beijing time): never the developer summary. */}
              <div data-testid="timeline-text">{entry.text[language]}</div>
            </>
          ),
        }))}
      />
    </div>
  );
}
